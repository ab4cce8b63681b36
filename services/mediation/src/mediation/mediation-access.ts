import { canAccessOrgUnit, hasRole, isParty } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { MediationState } from './domain';

type Principal = commonV1.Principal;
const { Role } = commonV1;
const isGlobal = (p: Principal) => hasRole(p, Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE);

/**
 * Only the handler currently holding the case acts on it: the caller's subtree must contain the
 * handler's unit, and staff bound to a committee (or point) must belong to that very handler, so
 * after an escalation the lower level can no longer act and the upper one only once it holds it.
 */
export function mayAct(principal: Principal, state: MediationState, dir: OrgDirectory): boolean {
  if (isGlobal(principal)) return true;
  if (!canAccessOrgUnit(principal, state.committee.orgUnitCode, dir)) return false;
  return !principal.committeeCode || principal.committeeCode === state.committee.code;
}

/** Reading: anyone in scope of the case's unit or of any handler it passed through. */
export function mayRead(principal: Principal, state: MediationState, dir: OrgDirectory): boolean {
  if (isGlobal(principal)) return true;
  const units = [state.orgUnit.code, ...state.path.map((p) => p.committee.orgUnitCode)];
  return units.some((code) => canAccessOrgUnit(principal, code, dir));
}

/**
 * A party's own act (consent, refusal, satisfaction, signature, session answer): a party
 * principal, for a party id of this mediation. The gateway resolved the ids of the caller's proven
 * phone from intake's party-filtered read; this service holds no phones, so it checks the id is on
 * the case. A party never acts as staff and never reads through this service.
 */
export function mayActAsParty(
  principal: Principal,
  state: MediationState,
  partyId: string,
): boolean {
  return isParty(principal) && !!partyId && state.parties.some((p) => p.partyId === partyId);
}

/** Reads (and roster edits) are staff's: a party reads its case through the gateway's own view. */
export const mayQuery = (principal: Principal): boolean => !isParty(principal);
