import { fromTimestamp, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { CaseState } from '../../domain/case.entity';
import { isMassDispute } from '../../domain/case.entity';
import { disputeKeys } from '../../domain/dispute-keys';
import { committeeRef, orgUnitLevel } from '../../org-refs';
import { partyIdentities, toStoredParties } from '../../stored-parties';
import type { OpenCasePolicy } from '../open-case/open-case.handler';

/**
 * The state fields an amendment sets, and the changed fields by proto name. The case number
 * and its committee stay: a number, once given, is never re-issued (docs/intake.md).
 */
export function applyChanges(
  current: CaseState,
  changes: intakeV1.CaseChanges,
  deps: { pii: PiiProtector; directory: OrgDirectory; policy: OpenCasePolicy },
): { set: Partial<CaseState>; changed: string[] } {
  const set: Partial<CaseState> = {};
  const changed: string[] = [];
  if (changes.category != null) {
    set.category = changes.category;
    changed.push('category');
  }
  if (changes.description != null) {
    set.description = changes.description;
    changed.push('description');
  }
  if (changes.orgUnitCode != null) {
    const unit = deps.directory.unit(changes.orgUnitCode);
    set.orgUnitCode = unit.code;
    set.orgUnitLevel = orgUnitLevel(unit.level);
    set.orgPath = deps.directory.path(unit.code).map((u) => u.code);
    set.committee = committeeRef(deps.directory.committeeFor(unit.code));
    changed.push('org_unit_code');
  }
  if (changes.peopleInvolved != null) {
    set.peopleInvolved = changes.peopleInvolved;
    changed.push('people_involved');
  }
  if (changes.amountInvolved != null) {
    set.amountFen = Number(changes.amountInvolved.amountFen);
    changed.push('amount_involved');
  }
  if (changes.risk != null) {
    set.risk = {
      level: changes.risk.level,
      factors: [...changes.risk.factors],
      note: changes.risk.note,
    };
    changed.push('risk');
  }
  if (changes.parties != null) {
    set.parties = toStoredParties(changes.parties.parties, deps.pii);
    changed.push('parties');
  }
  if (changes.disputeStartedAt != null) {
    set.disputeStartedAt = fromTimestamp(changes.disputeStartedAt);
    changed.push('dispute_started_at');
  }
  const next = { ...current, ...set };
  if (set.peopleInvolved !== undefined || set.amountFen !== undefined)
    set.massDispute = isMassDispute(next.peopleInvolved, next.amountFen, deps.policy.massDispute);
  if (set.parties || set.category !== undefined)
    set.disputeKeys = disputeKeys(next.category, partyIdentities(next.parties), (t) =>
      deps.pii.hash(t),
    );
  return { set, changed };
}
