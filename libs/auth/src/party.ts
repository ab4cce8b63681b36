import { commonV1, isCanonicalMobile } from '@mediation/contracts';

type Principal = commonV1.Principal;

/** The subject prefix of a party's principal (`party:<opaque id>`, the gateway's party session). */
export const PARTY_SUBJECT_PREFIX = 'party:';

/**
 * A party to a dispute (ROLE_PARTY), signed in to the party app with a mobile it proved. A
 * principal holding the role is a party whatever else it claims: it reaches only the cases that
 * name its phone, never an org unit (docs/intake.md, "Parties").
 */
export const isParty = (principal: Principal): boolean =>
  principal.roles.includes(commonV1.Role.ROLE_PARTY);

/**
 * The mobile a party proved, in the form intake stores parties' phones ("13812345678": 11 digits,
 * 1[3-9]...); undefined for anyone who is not a party, and for a party whose number is not a
 * mainland mobile in that form.
 */
export function partyPhoneOf(principal: Principal): string | undefined {
  return isParty(principal) && isCanonicalMobile(principal.partyPhone)
    ? principal.partyPhone
    : undefined;
}
