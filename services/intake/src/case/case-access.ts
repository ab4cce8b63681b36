import { actorRef, canAccessOrgUnit, hasRole, mayReadPii } from '@mediation/auth';
import { commonV1, intakeV1 } from '@mediation/contracts';
import { NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { CaseProgressState, ReferralOnCase } from '../case-view/domain/case-progress';
import type { ActorState, CaseState } from './domain/case.entity';
import type { CaseRepository, StoredCase } from './persistence/case.repository';

/**
 * The scope rule of every case RPC: PERMISSION_DENIED, without saying anything about the case,
 * outside the caller's org subtree.
 */
export function assertCaseScope(
  principal: commonV1.Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
): void {
  if (!canAccessOrgUnit(principal, orgUnitCode, directory)) throw new NotPermittedError();
}

/** The case if the caller may act on it (its scope): NOT_FOUND / PERMISSION_DENIED otherwise. */
export async function loadVisibleCase(
  cases: CaseRepository,
  directory: OrgDirectory,
  caseId: string,
  principal: commonV1.Principal,
): Promise<StoredCase> {
  const found = await cases.load(caseId);
  if (!found) throw new NotFoundError(`case ${caseId}`);
  assertCaseScope(principal, found.state.orgUnitCode, directory);
  return found;
}

/**
 * What a reader sees of the parties: `clear` (ID numbers, phones, addresses: mayReadPii),
 * `masked` (volunteers), `contacts` (the stationed lawyer who claimed the referral: names, phones
 * and addresses in clear, ID numbers masked), `none` (a lawyer before claiming: no names or
 * contacts at all).
 */
export type PartiesShown = 'clear' | 'masked' | 'contacts' | 'none';

/** Why a read is allowed and what it shows; `why` goes into the read audit. */
export interface CaseReadAccess {
  /** "scope" (the reader's org subtree) or "referral:<id>" (a referral at the lawyer's desk). */
  why: string;
  parties: PartiesShown;
}

type CaseWithProgress = CaseState & { progress?: CaseProgressState | null };

/**
 * The open referral of the case at the stationed lawyer's desk (the one this lawyer claimed
 * first): a referral sits at a desk until it is returned.
 */
export function referralAtDesk(
  progress: CaseProgressState | null | undefined,
  principal: commonV1.Principal,
): ReferralOnCase | undefined {
  if (!principal.deskCode || !hasRole(principal, commonV1.Role.ROLE_STATIONED_LAWYER))
    return undefined;
  const atDesk = (progress?.referrals ?? []).filter(
    (r) =>
      r.desk?.code === principal.deskCode &&
      r.stage !== intakeV1.ReferralStage.REFERRAL_STAGE_RETURNED,
  );
  return atDesk.find((r) => r.lawyerId === principal.subject) ?? atDesk[0];
}

/**
 * The read rule of a case (GetCase, its documents, its timeline): the caller's scope, or, for a
 * stationed lawyer, a referral of the case at the lawyer's desk. PERMISSION_DENIED otherwise,
 * with no data.
 */
export function caseReadAccess(
  principal: commonV1.Principal,
  state: CaseWithProgress,
  directory: OrgDirectory,
): CaseReadAccess {
  if (canAccessOrgUnit(principal, state.orgUnitCode, directory))
    return { why: 'scope', parties: mayReadPii(principal) ? 'clear' : 'masked' };
  const referral = referralAtDesk(state.progress, principal);
  if (!referral) throw new NotPermittedError();
  return {
    why: `referral:${referral.referralId}`,
    parties: referral.lawyerId === principal.subject ? 'contacts' : 'none',
  };
}

/** The case if the caller may read it, with why: NOT_FOUND / PERMISSION_DENIED otherwise. */
export async function loadReadableCase(
  cases: CaseRepository,
  directory: OrgDirectory,
  caseId: string,
  principal: commonV1.Principal,
): Promise<{ kase: StoredCase; access: CaseReadAccess }> {
  const found = await cases.load(caseId);
  if (!found) throw new NotFoundError(`case ${caseId}`);
  return { kase: found, access: caseReadAccess(principal, found.state, directory) };
}

/** Who did something, as events and timelines carry it. */
export const actorOf = (principal: commonV1.Principal): ActorState => actorRef(principal);
