import { devPrincipalTokens, type SignsPrincipals } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';

/**
 * Signs as whoever the principal is, with the development keys: a service's own principal with
 * that service's key, anyone else with the operator's. Lets one test client stand in for the
 * gateway and for a calling service, as the real callers would sign.
 */
export function devPrincipalSigner(): SignsPrincipals {
  const signers = new Map<string, SignsPrincipals>();
  return {
    sign(principal, audience) {
      const service = principal.roles.includes(commonV1.Role.ROLE_SERVICE)
        ? principal.subject.replace(/^service:/, '')
        : 'operator';
      let signer = signers.get(service);
      if (!signer) signers.set(service, (signer = devPrincipalTokens(service).signer));
      return signer.sign(principal, audience);
    },
  };
}
