import { assertConfirmable } from './confirmation-exclusions';
import { addDeadline, ofKind, settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { assertKnownParty, principalPartyIds } from './mediation-consent';
import { assertActingParty } from './mediation-party-acts';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import { addDays, type StepContext, type StepResult } from './mediation.step';
import type {
  Agreement,
  ConfirmationRefusalReason,
  ConfirmationResult,
  InstitutionRef,
  MediationState,
  Money,
  PerformanceStatus,
  SuggestedAction,
} from './mediation.types';

function agreementOf(state: MediationState): Agreement {
  if (!state.agreement) throw new RuleViolationError('there is no agreement');
  return state.agreement;
}

/** Both parties apply jointly, within 30 days of the agreement taking effect (art. 33). */
export function requestJudicialConfirmation(
  current: MediationState,
  input: {
    court: InstitutionRef;
    appliedAt: Date | null;
    applicantPartyIds: string[];
    note: string;
  },
  ctx: StepContext,
): StepResult {
  const state = begin('RequestJudicialConfirmation', current);
  const agreement = agreementOf(state);
  const jc = state.judicialConfirmation;
  if (jc.status === 'REQUESTED' || jc.status === 'ACCEPTED' || jc.status === 'CONFIRMED')
    throw new RuleViolationError(`judicial confirmation is already ${jc.status}`);
  assertConfirmable(agreement);
  const appliedAt = input.appliedAt ?? ctx.now;
  const windowEnd = addDays(agreement.effectiveAt, ctx.rules.confirmationWindowDays);
  if (appliedAt > windowEnd)
    throw new RuleViolationError(
      `the 30-day window for judicial confirmation closed on ${windowEnd.toISOString()} (art. 33)`,
    );
  const missing = principalPartyIds(state).filter((p) => !input.applicantPartyIds.includes(p));
  if (missing.length > 0)
    throw new RuleViolationError(`the parties apply jointly; missing applicants: ${missing}`);
  Object.assign(jc, {
    status: 'REQUESTED',
    court: input.court,
    appliedAt,
    applicantPartyIds: input.applicantPartyIds,
    note: input.note,
  });
  const acceptanceDueAt = addDays(appliedAt, ctx.rules.courtAcceptanceDays);
  settleDeadlines(state, 'MET', ofKind('JUDICIAL_CONFIRMATION_WINDOW'));
  addDeadline(state, ctx, 'COURT_ACCEPTANCE', acceptanceDueAt, input.court.code);
  return {
    state,
    events: [
      {
        name: 'JudicialConfirmationRequested',
        data: {
          agreementId: agreement.agreementId,
          court: input.court,
          appliedAt,
          acceptanceDueAt,
        },
      },
    ],
  };
}

const NEXT_RESULTS: Record<string, ConfirmationResult[]> = {
  REQUESTED: ['ACCEPTED', 'NOT_ACCEPTED', 'WITHDRAWN'],
  ACCEPTED: ['CONFIRMED', 'NOT_CONFIRMED', 'WITHDRAWN'],
};

/** The court's steps: acceptance with a 调确字 number (3 days), then the decision (15 + 10). */
export function recordConfirmation(
  current: MediationState,
  input: {
    result: ConfirmationResult;
    confirmationNumber: string;
    decidedAt: Date | null;
    decisionTermExtended: boolean;
    note: string;
    /** Required with NOT_ACCEPTED and NOT_CONFIRMED: the court's ground. */
    refusalReason?: ConfirmationRefusalReason | null;
  },
  ctx: StepContext,
): StepResult {
  const state = begin('RecordConfirmation', current);
  const refused = input.result === 'NOT_ACCEPTED' || input.result === 'NOT_CONFIRMED';
  if (refused && !input.refusalReason)
    throw new InvalidInputError(
      'refusal_reason',
      `the court's ground is required with ${input.result} (法释〔2011〕5号 arts. 4, 7)`,
    );
  if (!refused && input.refusalReason)
    throw new InvalidInputError('refusal_reason', 'only with NOT_ACCEPTED or NOT_CONFIRMED');
  const agreement = agreementOf(state);
  const jc = state.judicialConfirmation;
  const allowed = NEXT_RESULTS[jc.status] ?? [];
  if (!allowed.includes(input.result))
    throw new RuleViolationError(
      `a court result ${input.result} cannot follow ${jc.status}` +
        (allowed.length ? ` (expected ${allowed.join(', ')})` : ''),
    );
  const decidedAt = input.decidedAt ?? ctx.now;
  let decisionDueAt: Date | null = null;
  if (input.result === 'ACCEPTED') {
    if (!input.confirmationNumber)
      throw new InvalidInputError('confirmation_number', 'the 调确字 number comes with ACCEPTED');
    jc.status = 'ACCEPTED';
    jc.acceptedAt = decidedAt;
    jc.confirmationNumber = input.confirmationNumber;
    jc.decisionTermExtended = input.decisionTermExtended;
    const days =
      ctx.rules.courtDecisionDays +
      (input.decisionTermExtended ? ctx.rules.courtDecisionExtensionDays : 0);
    decisionDueAt = addDays(decidedAt, days);
    settleDeadlines(state, 'MET', ofKind('COURT_ACCEPTANCE'));
    addDeadline(state, ctx, 'COURT_DECISION', decisionDueAt, jc.court?.code ?? '');
  } else {
    jc.status = input.result === 'NOT_ACCEPTED' ? 'NOT_CONFIRMED' : input.result;
    jc.decidedAt = decidedAt;
    if (input.refusalReason) jc.refusalReason = input.refusalReason;
    settleDeadlines(state, 'MET', ofKind('COURT_ACCEPTANCE', 'COURT_DECISION'));
  }
  jc.note = input.note || jc.note;
  return {
    state,
    events: [
      {
        name: 'JudicialConfirmationRecorded',
        data: {
          agreementId: agreement.agreementId,
          court: jc.court,
          result: input.result,
          confirmationNumber: jc.confirmationNumber,
          decidedAt,
          decisionDueAt,
          refusalReason: input.refusalReason ?? null,
        },
      },
    ],
  };
}

/** Supervision of performance (art. 31): on default the service suggests the next remedy. */
export function recordPerformance(
  current: MediationState,
  input: {
    obligationId: string;
    instalmentNumber: number;
    status: PerformanceStatus;
    amountPaid: Money | null;
    performedAt: Date | null;
  },
  ctx: StepContext,
): StepResult<SuggestedAction> {
  const state = begin('RecordPerformance', current);
  const agreement = agreementOf(state);
  const obligation = agreement.obligations.find((o) => o.obligationId === input.obligationId);
  if (!obligation)
    throw new InvalidInputError('obligation_id', `no obligation ${input.obligationId}`);
  const performedAt = input.performedAt ?? ctx.now;
  let ref = obligation.obligationId;
  if (input.instalmentNumber > 0) {
    const instalment = obligation.instalments.find((x) => x.number === input.instalmentNumber);
    if (!instalment)
      throw new InvalidInputError('instalment_number', `no instalment ${input.instalmentNumber}`);
    Object.assign(instalment, { status: input.status, amountPaid: input.amountPaid, performedAt });
    ref = `${obligation.obligationId}#${instalment.number}`;
    const statuses = obligation.instalments.map((x) => x.status);
    obligation.status = statuses.every((s) => s === 'PERFORMED')
      ? 'PERFORMED'
      : statuses.includes('DEFAULTED')
        ? 'DEFAULTED'
        : 'PARTIALLY_PERFORMED';
  } else {
    obligation.status = input.status;
    for (const x of obligation.instalments)
      if (input.status === 'PERFORMED') x.status = 'PERFORMED';
  }
  if (input.status === 'PERFORMED')
    settleDeadlines(state, 'MET', (d) => d.kind === 'PERFORMANCE_DUE' && d.ref.startsWith(ref));
  const fully = agreement.obligations.every((o) => o.status === 'PERFORMED');
  const confirmed = state.judicialConfirmation.status === 'CONFIRMED';
  const suggested: SuggestedAction = fully
    ? 'FOLLOW_UP'
    : input.status === 'DEFAULTED'
      ? confirmed
        ? 'ENFORCEMENT'
        : 'JUDICIAL_CONFIRMATION'
      : 'NONE';
  return {
    state,
    extra: suggested,
    events: [
      {
        name: 'PerformanceRecorded',
        data: {
          agreementId: agreement.agreementId,
          obligationId: obligation.obligationId,
          instalmentNumber: input.instalmentNumber,
          status: input.status,
          amountPaid: input.amountPaid,
          performedAt,
          agreementFullyPerformed: fully,
          suggestedAction: suggested,
        },
      },
    ],
  };
}

/** 回访: a visit after the agreement; the next one becomes a timer. */
export function recordFollowUp(
  current: MediationState,
  input: {
    visitedAt: Date | null;
    method: number;
    result: number;
    note: string;
    nextFollowUpAt: Date | null;
  },
  ctx: StepContext,
): StepResult {
  const state = begin('RecordFollowUp', current);
  const visitedAt = input.visitedAt ?? ctx.now;
  const followUpId = ctx.newId();
  state.followUps.push({ ...input, followUpId, visitedAt, recordedBy: ctx.actor });
  settleDeadlines(state, 'MET', ofKind('FOLLOW_UP_DUE'));
  if (input.nextFollowUpAt) addDeadline(state, ctx, 'FOLLOW_UP_DUE', input.nextFollowUpAt);
  return {
    state,
    events: [
      {
        name: 'FollowUpRecorded',
        data: {
          followUpId,
          visitedAt,
          method: input.method,
          result: input.result,
          nextFollowUpAt: input.nextFollowUpAt,
        },
      },
    ],
  };
}

export function recordSatisfaction(
  current: MediationState,
  input: { partyId: string; score: number; comment: string },
  ctx: StepContext,
): StepResult {
  const state = begin('RecordSatisfaction', current);
  if (ctx.byParty) {
    // A party rates its own mediation once it is over, and only once (one rating per party).
    assertActingParty(state, input.partyId);
    if (state.status !== 'CLOSED')
      throw new RuleViolationError('a party rates the mediation once it is closed');
    if (state.satisfaction.some((s) => s.partyId === input.partyId))
      throw new RuleViolationError(`${input.partyId} has already rated this mediation`);
  }
  assertKnownParty(state, input.partyId, 'party_id');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    throw new InvalidInputError('score', 'must be 1 to 5');
  state.satisfaction = state.satisfaction.filter((s) => s.partyId !== input.partyId);
  state.satisfaction.push({ ...input, recordedAt: ctx.now });
  return {
    state,
    events: [
      {
        name: 'SatisfactionRecorded',
        data: { partyId: input.partyId, score: input.score },
      },
    ],
  };
}
