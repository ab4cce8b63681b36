import {
  actorRef,
  canAccessOrgUnit,
  hasRole,
  isParty,
  mayReadPii,
  partyPhoneOf,
} from '@mediation/auth';
import { commonV1, intakeV1 } from '@mediation/contracts';
import { NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { CaseProgressState, ReferralOnCase } from '../case-view/domain/case-progress';
import type { PiiProtector } from '../pii/pii-protector';
import type { ActorState, CaseState } from './domain/case.entity';
import { phoneLookupHash } from './mapping/party-lookup-keys';
import type { CaseRepository, StoredCase } from './persistence/case.repository';

/**
 * The scope rule of every case RPC: PERMISSION_DENIED, without saying anything about the case,
 * outside the caller's org subtree. A party (ROLE_PARTY) has no subtree, so every command refuses
 * it here; it reads through caseReadAccess's party rule only.
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
 * contacts at all), `party` (a party: its own records, those with its phone, in clear; the other
 * parties' names, with their ID numbers, phones and addresses masked).
 */
export type PartiesShown = 'clear' | 'masked' | 'contacts' | 'none' | 'party';

/** Why a read is allowed and what it shows; `why` goes into the read audit. */
export interface CaseReadAccess {
  /**
   * "scope" (the reader's org subtree), "referral:<id>" (a referral at the lawyer's desk) or
   * "party" (the case names the party's phone).
   */
  why: string;
  parties: PartiesShown;
  /** `party`: the ids of the reader's own party records, the ones shown in clear. */
  ownPartyIds?: string[];
}

/**
 * The party records of the case that are the reader's: those whose phone is the mobile a party
 * (ROLE_PARTY) proved, matched by the keyed hash stored with each party. None for anyone else.
 */
export function ownPartyIds(
  principal: commonV1.Principal,
  parties: CaseState['parties'],
  pii: PiiProtector,
): string[] {
  const phone = partyPhoneOf(principal);
  const hash = phone ? phoneLookupHash(pii, phone) : '';
  if (!hash) return [];
  return parties.filter((p) => p.phoneHash === hash).map((p) => p.partyId);
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
 * stationed lawyer, a referral of the case at the lawyer's desk, or, for a party, its phone as
 * one of the case's parties' phones. PERMISSION_DENIED otherwise, with no data.
 */
export function caseReadAccess(
  principal: commonV1.Principal,
  state: CaseWithProgress,
  directory: OrgDirectory,
  pii: PiiProtector,
): CaseReadAccess {
  // First: a party is a party whatever else it claims, and reaches nothing through a scope.
  if (isParty(principal)) {
    const own = ownPartyIds(principal, state.parties, pii);
    if (!own.length) throw new NotPermittedError();
    return { why: 'party', parties: 'party', ownPartyIds: own };
  }
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
  pii: PiiProtector,
  caseId: string,
  principal: commonV1.Principal,
): Promise<{ kase: StoredCase; access: CaseReadAccess }> {
  const found = await cases.load(caseId);
  if (!found) throw new NotFoundError(`case ${caseId}`);
  return { kase: found, access: caseReadAccess(principal, found.state, directory, pii) };
}

/** Who did something, as events and timelines carry it. */
export const actorOf = (principal: commonV1.Principal): ActorState => actorRef(principal);
