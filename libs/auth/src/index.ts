export { canAccessOrgUnit, hasRole, mayReadPii, subtreeScope } from './scope';
export { actorRef } from './actor';
export { isParty, PARTY_SUBJECT_PREFIX, partyPhoneOf } from './party';
export {
  devPrincipalSeed,
  devPrincipalSigner,
  devPrincipalTokens,
  ed25519PrivateKey,
  ed25519PublicKey,
  issuerMayAssert,
  PRINCIPAL_ISSUERS,
  PrincipalSigner,
  PrincipalTokenError,
  principalTokensFor,
  PrincipalVerifier,
  rawPublicKey,
  servicePrincipal,
} from './principal-token';
export type {
  PrincipalIssuer,
  PrincipalTokens,
  PrincipalTokenSettings,
  SignsPrincipals,
} from './principal-token';
