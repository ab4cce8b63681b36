import { RuleViolationError } from '@mediation/domain-kit';
import { isPastAcceptance } from '../../case-view/domain/life-status';
import {
  CASE_STATUS,
  type ActorState,
  type AmendmentState,
  type CaseState,
  type OrgPlacement,
  type StoredParty,
} from './case.entity';
import { disputeKeys, partyIdentities } from './dispute-keys';
import { isMassDispute, type MassDisputeThresholds } from './mass-dispute';

/** What an amendment may change (each absent when unchanged), already checked and mapped. */
export interface CaseChanges {
  category?: number;
  description?: string;
  /** A new org unit moves the case; its number and numbering committee stay. */
  placement?: OrgPlacement;
  peopleInvolved?: number;
  amountFen?: number;
  risk?: NonNullable<CaseState['risk']>;
  /** The new list of parties, sealed (a party keeps its id when the request sent it back). */
  parties?: StoredParty[];
  disputeStartedAt?: Date;
}

export interface AmendmentInput {
  changes: CaseChanges;
  reason: string;
  by: ActorState;
  at: Date;
}

export interface AmendmentRules {
  massDispute: MassDisputeThresholds;
  hash: (text: string) => string;
}

/** The state an amendment sets, with its record in the case's history. */
export interface CaseAmended {
  kind: 'amended';
  set: Partial<CaseState>;
  amendment: AmendmentState;
}

/**
 * Corrects a registered case before acceptance (FAILED_PRECONDITION afterwards). The changed
 * fields are named by their proto names in the history, in a fixed order; the mass-dispute flag
 * and the dispute keys follow the fields they derive from. The case number and its committee
 * stay: a number, once given, is never re-issued (docs/intake.md).
 */
export function amendCase(
  current: CaseState,
  version: number,
  input: AmendmentInput,
  rules: AmendmentRules,
): CaseAmended {
  if (current.status !== CASE_STATUS.REGISTERED || acceptedInView(current))
    throw new RuleViolationError('only a registered case (not yet accepted) can be amended');
  const { changes: c } = input;
  const set: Partial<CaseState> = {};
  const changed: string[] = [];
  if (c.category !== undefined) {
    set.category = c.category;
    changed.push('category');
  }
  if (c.description !== undefined) {
    set.description = c.description;
    changed.push('description');
  }
  if (c.placement) {
    Object.assign(set, c.placement);
    changed.push('org_unit_code');
  }
  if (c.peopleInvolved !== undefined) {
    set.peopleInvolved = c.peopleInvolved;
    changed.push('people_involved');
  }
  if (c.amountFen !== undefined) {
    set.amountFen = c.amountFen;
    changed.push('amount_involved');
  }
  if (c.risk) {
    set.risk = c.risk;
    changed.push('risk');
  }
  if (c.parties) {
    set.parties = c.parties;
    changed.push('parties');
  }
  if (c.disputeStartedAt) {
    set.disputeStartedAt = c.disputeStartedAt;
    changed.push('dispute_started_at');
  }
  const next = { ...current, ...set };
  if (set.peopleInvolved !== undefined || set.amountFen !== undefined)
    set.massDispute = isMassDispute(next.peopleInvolved, next.amountFen, rules.massDispute);
  if (set.parties || set.category !== undefined)
    set.disputeKeys = disputeKeys(next.category, partyIdentities(next.parties), rules.hash);
  set.updatedAt = input.at;
  return {
    kind: 'amended',
    set,
    amendment: {
      amendedAt: input.at,
      amendedBy: input.by,
      reason: input.reason,
      changedFields: changed,
      version: version + 1,
    },
  };
}

/**
 * The committee accepted the case, as the case view knows it (docs/intake.md, "Amending"): an
 * acceptance within the projection's lag is not seen here; the mediation service ignores an
 * amendment that reaches it after acceptance.
 */
function acceptedInView(current: CaseState): boolean {
  const p = current.progress;
  return Boolean(p && (p.acceptedAt || isPastAcceptance(p.status)));
}
