// Who may see and act on what. Stationed lawyers are bound to one desk (principal.desk_code):
// they see and act on that desk's referrals only. Committee staff see the referrals of cases in
// their org subtree; administrators and services see everything. Anything else is refused with
// PERMISSION_DENIED before any data is read out.
import { commonV1 } from '@mediation/contracts';
import { actorRef, canAccessOrgUnit, hasRole } from '@mediation/auth';
import { NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { Actor, ReferralState } from '../domain/referral.types';

type Principal = commonV1.Principal;
const { Role } = commonV1;

export const isGlobal = (p: Principal) => hasRole(p, Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE);

export const isLawyerAt = (p: Principal, deskCode: string) =>
  hasRole(p, Role.ROLE_STATIONED_LAWYER) && !!p.deskCode && p.deskCode === deskCode;

/** Listing a desk's inbox or roster. */
export function assertMayReadDesk(p: Principal, deskCode: string): void {
  if (isGlobal(p) || isLawyerAt(p, deskCode)) return;
  throw new NotPermittedError(`not permitted to read desk ${deskCode}`);
}

export function mayReadReferral(p: Principal, state: ReferralState, directory: OrgDirectory) {
  if (isGlobal(p) || isLawyerAt(p, state.desk.code)) return true;
  return (
    hasRole(p, Role.ROLE_MEDIATOR, Role.ROLE_COMMITTEE_ADMIN) &&
    canAccessOrgUnit(p, state.orgUnitCode, directory)
  );
}

export function assertMayReadReferral(
  p: Principal,
  state: ReferralState,
  directory: OrgDirectory,
): void {
  if (!mayReadReferral(p, state, directory)) throw new NotPermittedError('not permitted');
}

/** Claim, decline, work, outcome, return: a lawyer of the desk the referral sits at. */
export function assertLawyerOfReferralDesk(p: Principal, state: ReferralState): void {
  if (!isLawyerAt(p, state.desk.code))
    throw new NotPermittedError('only a stationed lawyer of the referral’s desk may do this');
}

export const actorOf = (p: Principal): Actor => actorRef(p);
