import {
  ALL_EVENT_TYPES,
  commonV1,
  EVENT_TYPES,
  getEventType,
  intakeV1,
  mediationV1,
  referralV1,
  toTimestamp,
  TOPICS,
  type EventType,
} from '@mediation/contracts';
import type { BusEvent } from '@mediation/event-bus';
import type { CaseProgressState } from '../domain/case-progress';
import { applyFact } from '../domain/case-progress.reducer';
import { DEADLINE_KIND, LIFE_STATUS, REFERRAL_STAGE } from '../domain/life-status';
import { toCaseViewStep } from './case-view-event.mapper';

// Every intake, mediation and referral event type, decoded into the case view's fact and applied:
// the life status, holder, mediators, deadlines and referrals it leads to.

const CASE = '5d1c3f0e-8a4b-4c2d-9e6f-0a1b2c3d4e5f';
const REFERRAL = 'r-1';
const POINT: commonV1.CommitteeRef = { code: 'MC-P', orgUnitCode: 'P', level: 5 };
const COMMUNITY: commonV1.CommitteeRef = { code: 'MC-C', orgUnitCode: 'C', level: 4 };
const STREET: commonV1.CommitteeRef = { code: 'MC-S', orgUnitCode: 'S', level: 3 };
const DESK: commonV1.DeskRef = { code: 'D-COURT', institutionCode: 'COURT-1', institutionType: 1 };
const staff = (subject: string, displayName: string): commonV1.ActorRef => ({
  subject,
  role: commonV1.Role.ROLE_MEDIATOR,
  orgUnitCode: 'C',
  displayName,
});
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

let clock = 0;
const seqs = new Map<string, number>();

/** A bus event of `type` for the case, numbered in its source aggregate's sequence. */
function event<T extends EventType>(
  type: T,
  /** Partial fields of the payload (fromPartial fills the rest). */
  payload: object,
  aggregateId = CASE,
): BusEvent {
  const def = getEventType(type);
  const key = `${def.aggregateType}/${aggregateId}`;
  const sequence = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, sequence);
  clock += 1;
  return {
    eventId: `e-${clock}`,
    eventType: type,
    source: def.source,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, clock)),
    aggregateType: def.aggregateType,
    aggregateId,
    sequence,
    orgUnitCode: 'C',
    caseId: CASE,
    correlationId: '',
    causationId: '',
    payload: def.encode(def.create(payload as never) as never),
  };
}

const mediationContext = (committee = COMMUNITY, actor?: commonV1.ActorRef) => ({
  context: { mediationId: CASE, caseId: CASE, committee, actor },
});
const referralContext = (over: Partial<referralV1.ReferralEventContext> = {}) => ({
  context: referralV1.ReferralEventContext.fromPartial({
    referralId: REFERRAL,
    caseId: CASE,
    direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_OUTBOUND,
    kind: referralV1.ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
    institution: { code: 'COURT-1', type: 1 },
    desk: DESK,
    orgUnit: { code: 'C', level: 4 },
    actor: staff('lawyer-1', '王律师'),
    ...over,
  }),
});

/** Applies the events in order; the progress after each. */
function walk(events: BusEvent[], start: CaseProgressState | null = null): CaseProgressState[] {
  const states: CaseProgressState[] = [];
  let p = start;
  for (const e of events) {
    const step = toCaseViewStep(e);
    if (!step) throw new Error(`no step for ${e.eventType}`);
    p = applyFact(p, 1, step.sequence, step.fact) ?? p;
    states.push(p!);
  }
  return states;
}
const last = (events: BusEvent[], start: CaseProgressState | null = null) =>
  walk(events, start).pop()!;

const opened = (over: Partial<intakeV1.CaseOpened> = {}) =>
  event(EVENT_TYPES.CaseOpened.type, {
    caseId: CASE,
    caseNumber: '（2026）光景调字第00001号',
    facts: { committee: POINT, orgUnit: { code: 'P', level: 5 } } as never,
    registeredBy: staff('clerk-1', '李登记'),
    ...over,
  });
const created = () =>
  event(EVENT_TYPES.MediationCreated.type, {
    ...mediationContext(POINT),
    acceptanceDueAt: toTimestamp(day(3)),
  });
const accepted = (committee: commonV1.CommitteeRef = POINT, termDays = 30) =>
  event(EVENT_TYPES.MediationAccepted.type, {
    ...mediationContext(committee, staff('m-1', '赵调解')),
    termDueAt: toTimestamp(day(termDays)),
  });

beforeEach(() => {
  seqs.clear();
  clock = 0;
});

describe('a case walked through its whole life', () => {
  it('moves status, holder, path, mediators and deadlines at each mediation step', () => {
    const M = mediationV1;
    const events = [
      opened(),
      created(),
      accepted(),
      event(EVENT_TYPES.MediatorsAssigned.type, {
        ...mediationContext(POINT),
        mediators: [
          { mediatorId: 'm-1', role: M.MediatorRole.MEDIATOR_ROLE_LEAD, displayName: '赵调解' },
          {
            mediatorId: 'm-2',
            role: M.MediatorRole.MEDIATOR_ROLE_ASSISTANT,
            displayName: '钱调解',
          },
        ] as never,
      }),
      event(EVENT_TYPES.ParticipantsInvited.type, mediationContext(POINT)),
      event(EVENT_TYPES.SessionScheduled.type, mediationContext(POINT)),
      event(EVENT_TYPES.SessionRecorded.type, mediationContext(POINT)),
      event(EVENT_TYPES.MediationEscalated.type, {
        ...mediationContext(COMMUNITY),
        fromCommittee: POINT,
        toCommittee: COMMUNITY,
        path: [POINT, COMMUNITY],
      }),
      accepted(COMMUNITY, 40),
      event(EVENT_TYPES.AgreementReached.type, {
        ...mediationContext(COMMUNITY),
        form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
      }),
      event(EVENT_TYPES.JudicialConfirmationRequested.type, mediationContext(COMMUNITY)),
      event(EVENT_TYPES.JudicialConfirmationRecorded.type, {
        ...mediationContext(COMMUNITY),
        result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED,
      }),
      event(EVENT_TYPES.JudicialConfirmationRecorded.type, {
        ...mediationContext(COMMUNITY),
        result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED,
      }),
      event(EVENT_TYPES.PerformanceRecorded.type, {
        ...mediationContext(COMMUNITY),
        status: M.PerformanceStatus.PERFORMANCE_STATUS_PARTIALLY_PERFORMED,
      }),
      event(EVENT_TYPES.PerformanceRecorded.type, {
        ...mediationContext(COMMUNITY),
        status: M.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
        agreementFullyPerformed: true,
      }),
      event(EVENT_TYPES.FollowUpRecorded.type, mediationContext(COMMUNITY)),
      event(EVENT_TYPES.SatisfactionRecorded.type, mediationContext(COMMUNITY)),
      event(EVENT_TYPES.MediationClosed.type, {
        ...mediationContext(COMMUNITY),
        outcome: M.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
      }),
      event(EVENT_TYPES.MediationReopened.type, {
        ...mediationContext(COMMUNITY),
        termDueAt: toTimestamp(day(90)),
      }),
    ];
    const states = walk(events);
    const S = LIFE_STATUS;
    expect(states.map((s) => s.status)).toEqual([
      S.REGISTERED,
      S.REGISTERED,
      S.ACCEPTED,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.ESCALATED,
      S.ACCEPTED,
      S.AGREEMENT_WRITTEN,
      S.CONFIRMATION_REQUESTED,
      S.CONFIRMATION_REQUESTED,
      S.CONFIRMED,
      S.PERFORMING,
      S.PERFORMED,
      S.PERFORMED,
      S.PERFORMED,
      S.CLOSED,
      S.REOPENED,
    ]);
    expect(states[1]).toMatchObject({
      holder: POINT,
      nextDeadlineAt: day(3),
      nextDeadlineKind: DEADLINE_KIND.ACCEPTANCE,
    });
    expect(states[2]).toMatchObject({
      acceptedAt: events[2]!.occurredAt,
      nextDeadlineAt: day(30),
      nextDeadlineKind: DEADLINE_KIND.MEDIATION_TERM,
    });
    expect(states[3]).toMatchObject({
      leadMediator: { mediatorId: 'm-1', displayName: '赵调解' },
      otherMediators: [{ mediatorId: 'm-2', displayName: '钱调解' }],
      mediatorIds: ['m-1', 'm-2'],
    });
    expect(states[7]).toMatchObject({ holder: COMMUNITY, path: [POINT, COMMUNITY] });
    expect(states[7]!.nextDeadlineAt).toBeNull();
    // The first acceptance stays the case's acceptance.
    expect(states[8]!.acceptedAt).toEqual(events[2]!.occurredAt);
    expect(states[17]).toMatchObject({ closedAt: events[17]!.occurredAt, nextDeadlineAt: null });
    expect(states[18]).toMatchObject({
      closedAt: null,
      nextDeadlineAt: day(90),
      lastActivity: EVENT_TYPES.MediationReopened.type,
      lastActivityAt: events[18]!.occurredAt,
    });
  });

  it('knows the other ends: rejection, refusal, failure, oral agreement, refused confirmation', () => {
    const M = mediationV1;
    const ctx = mediationContext(POINT);
    /** The status after a fresh case's events, made in this order. */
    const statusAfter = (...makers: Array<() => BusEvent>) => {
      seqs.clear();
      return last(makers.map((make) => make())).status;
    };
    const oral = () =>
      event(EVENT_TYPES.AgreementReached.type, {
        ...ctx,
        form: M.AgreementForm.AGREEMENT_FORM_ORAL,
      });
    expect(statusAfter(opened, created, () => event(EVENT_TYPES.MediationRejected.type, ctx))).toBe(
      LIFE_STATUS.REJECTED,
    );
    const refusal = (stopsMediation: boolean) => () =>
      event(EVENT_TYPES.RefusalRecorded.type, { ...ctx, stopsMediation });
    expect(statusAfter(opened, created, accepted, refusal(true))).toBe(
      LIFE_STATUS.STOPPED_BY_REFUSAL,
    );
    expect(statusAfter(opened, created, accepted, refusal(false))).toBe(LIFE_STATUS.ACCEPTED);
    const failed = () => event(EVENT_TYPES.MediationFailed.type, ctx);
    expect(statusAfter(opened, created, accepted, failed)).toBe(LIFE_STATUS.FAILED);
    expect(statusAfter(opened, created, accepted, oral)).toBe(LIFE_STATUS.AGREEMENT_ORAL);
    const refused = () =>
      event(EVENT_TYPES.JudicialConfirmationRecorded.type, {
        ...ctx,
        result: M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED,
      });
    expect(statusAfter(opened, created, accepted, oral, refused)).toBe(
      LIFE_STATUS.CONFIRMATION_REFUSED,
    );
  });

  it('follows transfers, recusals, term extensions and deadline warnings', () => {
    const base = [opened(), created(), accepted()];
    const transferred = event(EVENT_TYPES.MediationTransferred.type, {
      ...mediationContext(STREET),
      fromCommittee: POINT,
      toCommittee: STREET,
    });
    const p = last([...base, transferred]);
    expect(p).toMatchObject({
      status: LIFE_STATUS.ESCALATED,
      holder: STREET,
      path: [POINT, STREET],
    });

    seqs.clear();
    const again = [opened(), created(), accepted()];
    const assigned = event(EVENT_TYPES.MediatorsAssigned.type, {
      ...mediationContext(POINT),
      mediators: [
        { mediatorId: 'm-1', role: mediationV1.MediatorRole.MEDIATOR_ROLE_LEAD, displayName: '甲' },
      ] as never,
    });
    const recused = event(EVENT_TYPES.MediatorRecused.type, {
      ...mediationContext(POINT),
      mediatorId: 'm-1',
      removed: true,
    });
    const extended = event(EVENT_TYPES.ConsentRecorded.type, {
      ...mediationContext(POINT),
      termDueAt: toTimestamp(day(60)),
    });
    const warned = event(EVENT_TYPES.DeadlineApproaching.type, mediationContext(POINT));
    const breached = event(EVENT_TYPES.DeadlineBreached.type, mediationContext(POINT));
    const after = last([...again, assigned, recused, extended, warned, breached]);
    expect(after).toMatchObject({
      status: LIFE_STATUS.IN_MEDIATION,
      leadMediator: null,
      mediatorIds: [],
      nextDeadlineAt: day(60),
      lastActivity: EVENT_TYPES.DeadlineBreached.type,
    });
  });

  it('shows a referral out: pending, claimed, outcome, then closed by its outcome', () => {
    const base = [opened(), created(), accepted()];
    const failed = event(EVENT_TYPES.MediationFailed.type, mediationContext(POINT));
    const referralCreated = event(
      EVENT_TYPES.ReferralCreated.type,
      { ...referralContext(), claimDueAt: toTimestamp(day(5)) },
      REFERRAL,
    );
    const claimed = event(
      EVENT_TYPES.ReferralClaimed.type,
      { ...referralContext(), lawyerId: 'lawyer-1', outcomeDueAt: toTimestamp(day(20)) },
      REFERRAL,
    );
    const work = event(EVENT_TYPES.ReferralWorkRecorded.type, referralContext(), REFERRAL);
    const sla = event(EVENT_TYPES.SlaBreached.type, referralContext(), REFERRAL);
    const outcome = event(EVENT_TYPES.ReferralOutcomeRecorded.type, referralContext(), REFERRAL);
    const closed = event(EVENT_TYPES.MediationClosed.type, {
      ...mediationContext(POINT),
      outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
    });
    const states = walk([...base, failed, referralCreated, claimed, work, sla, outcome, closed]);
    const referral = { referralId: REFERRAL, inbound: false, desk: { code: 'D-COURT' } };
    expect(states[4]).toMatchObject({
      status: LIFE_STATUS.REFERRED_OUT,
      referral: { ...referral, stage: REFERRAL_STAGE.PENDING },
      nextDeadlineAt: day(5),
      nextDeadlineKind: DEADLINE_KIND.REFERRAL_CLAIM,
    });
    expect(states[5]).toMatchObject({
      status: LIFE_STATUS.REFERRED_OUT,
      referral: { ...referral, stage: REFERRAL_STAGE.CLAIMED, lawyerId: 'lawyer-1' },
      nextDeadlineAt: day(20),
      nextDeadlineKind: DEADLINE_KIND.REFERRAL_OUTCOME,
    });
    expect(states[8]).toMatchObject({
      status: LIFE_STATUS.REFERRED_OUT,
      referral: { stage: REFERRAL_STAGE.OUTCOME_RECORDED },
    });
    expect(states[9]).toMatchObject({
      status: LIFE_STATUS.CLOSED,
      referrals: [states[8]!.referral],
    });
  });

  it('shows a referral that came back as RETURNED until the mediation moves on', () => {
    const base = [opened(), created(), accepted()];
    const failed = event(EVENT_TYPES.MediationFailed.type, mediationContext(POINT));
    const created1 = event(EVENT_TYPES.ReferralCreated.type, referralContext(), REFERRAL);
    const declined = event(
      EVENT_TYPES.ReferralDeclined.type,
      { ...referralContext(), backToSender: true },
      REFERRAL,
    );
    const back = last([...base, failed, created1, declined]);
    expect(back).toMatchObject({
      status: LIFE_STATUS.RETURNED,
      referral: { stage: REFERRAL_STAGE.RETURNED },
    });
    const session = event(EVENT_TYPES.SessionRecorded.type, mediationContext(POINT));
    expect(last([session], back).status).toBe(LIFE_STATUS.FAILED);
  });

  it('follows a decline with a reroute and a return by the lawyer', () => {
    const base = [opened(), created(), accepted()];
    const made = event(EVENT_TYPES.ReferralCreated.type, referralContext(), REFERRAL);
    const declined = event(
      EVENT_TYPES.ReferralDeclined.type,
      { ...referralContext(), rerouteDeskCode: 'D-OTHER' },
      REFERRAL,
    );
    const rerouted = event(
      EVENT_TYPES.ReferralRerouted.type,
      {
        ...referralContext({ desk: { ...DESK, code: 'D-OTHER' } }),
        claimDueAt: toTimestamp(day(7)),
      },
      REFERRAL,
    );
    const claimed = event(
      EVENT_TYPES.ReferralClaimed.type,
      { ...referralContext({ desk: { ...DESK, code: 'D-OTHER' } }), lawyerId: 'l-2' },
      REFERRAL,
    );
    const returned = event(EVENT_TYPES.ReferralReturned.type, referralContext(), REFERRAL);
    const states = walk([...base, made, declined, rerouted, claimed, returned]);
    expect(states[4]).toMatchObject({
      status: LIFE_STATUS.REFERRED_OUT,
      referral: { stage: REFERRAL_STAGE.PENDING },
    });
    expect(states[5]).toMatchObject({
      status: LIFE_STATUS.REFERRED_OUT,
      referral: { stage: REFERRAL_STAGE.PENDING, desk: { code: 'D-OTHER' } },
      nextDeadlineAt: day(7),
    });
    expect(states[7]).toMatchObject({
      status: LIFE_STATUS.RETURNED,
      referral: { stage: REFERRAL_STAGE.RETURNED, lawyerId: 'l-2' },
    });
  });

  it('leaves the status alone for a risk alert, but lists it', () => {
    const alert = referralContext({
      kind: referralV1.ReferralKind.REFERRAL_KIND_RISK_ALERT,
      desk: { ...DESK, code: 'D-POLICE' },
    });
    const p = last([
      opened(),
      created(),
      event(EVENT_TYPES.ReferralCreated.type, alert, REFERRAL),
      event(EVENT_TYPES.RiskAlertRaised.type, alert, REFERRAL),
    ]);
    expect(p).toMatchObject({ status: LIFE_STATUS.REGISTERED, referral: { stage: 1 } });
  });

  it('shows an entrusted case as ENTRUSTED_IN until accepted, then its result reported', () => {
    const inbound = referralContext({
      direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_INBOUND,
      kind: referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
    });
    // EntrustmentReceived comes before the case exists: no case id, no step.
    const received = event(
      EVENT_TYPES.EntrustmentReceived.type,
      { context: { ...inbound.context, caseId: '' } },
      REFERRAL,
    );
    expect(toCaseViewStep(received)).toBeNull();
    const entrusted = opened({
      referralId: REFERRAL,
      entrustedTermDueAt: toTimestamp(day(15)),
      facts: {
        committee: POINT,
        referringInstitutionCode: 'COURT-1',
        referringInstitutionType: 1,
      } as never,
    });
    const states = walk([
      entrusted,
      created(),
      accepted(POINT, 30),
      event(EVENT_TYPES.EntrustmentResultReported.type, inbound, REFERRAL),
    ]);
    expect(states[0]).toMatchObject({
      status: LIFE_STATUS.ENTRUSTED_IN,
      referral: { referralId: REFERRAL, inbound: true, stage: REFERRAL_STAGE.IN_MEDIATION },
      nextDeadlineAt: day(15),
      nextDeadlineKind: DEADLINE_KIND.ENTRUSTED_TERM,
    });
    expect(states[2]).toMatchObject({ status: LIFE_STATUS.ACCEPTED, nextDeadlineAt: day(15) });
    expect(states[3]).toMatchObject({
      referral: { stage: REFERRAL_STAGE.RESULT_REPORTED },
      nextDeadlineAt: day(30),
    });
  });

  it('keeps the status through an online proposal, signatures and answers; the agreement moves it', () => {
    const M = mediationV1;
    const party = { subject: 'party:p-1', role: commonV1.Role.ROLE_PARTY, orgUnitCode: '' };
    const events = [
      opened(),
      created(),
      accepted(),
      event(EVENT_TYPES.SessionScheduled.type, mediationContext(POINT)),
      event(EVENT_TYPES.SessionResponseRecorded.type, {
        ...mediationContext(POINT, { ...party, displayName: '申请人' }),
        answer: M.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
      }),
      event(EVENT_TYPES.AgreementProposed.type, mediationContext(POINT)),
      event(EVENT_TYPES.AgreementSigned.type, {
        ...mediationContext(POINT, { ...party, displayName: '申请人' }),
        awaitingPartyIds: ['p-2'],
      }),
      event(EVENT_TYPES.AgreementSigned.type, mediationContext(POINT)),
      event(EVENT_TYPES.AgreementReached.type, {
        ...mediationContext(POINT),
        form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
      }),
    ];
    const S = LIFE_STATUS;
    expect(walk(events).map((s) => s.status)).toEqual([
      S.REGISTERED,
      S.REGISTERED,
      S.ACCEPTED,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.IN_MEDIATION,
      S.AGREEMENT_WRITTEN,
    ]);
    const steps = events.slice(4, 7).map((e) => toCaseViewStep(e)!.step);
    expect(steps.map((s) => [s.summary, s.summaryEn])).toEqual([
      ['当事人答复调解会安排', 'A party answered the session invitation'],
      ['调解协议提交当事人签署', 'Agreement put to the parties to sign'],
      ['当事人在线签署调解协议', 'A party signed the agreement online'],
    ]);
    expect(steps[0]).toMatchObject({ actor: { subject: 'party:p-1', displayName: '申请人' } });
  });

  it('records intake steps: amendment, duplicate, document, withdrawal (which wins)', () => {
    const states = walk([
      opened(),
      created(),
      event(EVENT_TYPES.CaseAmended.type, { caseId: CASE, changedFields: ['category'] }),
      event(EVENT_TYPES.DuplicateLinked.type, { caseId: CASE }),
      event(EVENT_TYPES.DocumentAttached.type, { caseId: CASE }),
      event(EVENT_TYPES.CaseWithdrawn.type, { caseId: CASE }),
      event(EVENT_TYPES.MediationClosed.type, {
        ...mediationContext(POINT),
        outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN,
      }),
    ]);
    expect(states.map((s) => s.status)).toEqual([1, 1, 1, 1, 1, 5, 5]);
    expect(states[4]!.lastActivity).toBe(EVENT_TYPES.DocumentAttached.type);
  });
});

describe('exactly once, in any order', () => {
  it('ignores a redelivered or older sequence and an older generation', () => {
    const events = [opened(), created(), accepted()];
    const p = last(events);
    const again = toCaseViewStep(events[2]!)!;
    expect(applyFact(p, 1, again.sequence, again.fact)).toBeNull();
    const older = toCaseViewStep(events[1]!)!;
    expect(applyFact(p, 1, older.sequence, older.fact)).toBeNull();
    // A consumer of an abandoned generation writes nothing; a newer one starts afresh.
    expect(applyFact(p, 0, 9, again.fact)).toBeNull();
    expect(applyFact(p, 2, again.sequence, again.fact)).toMatchObject({
      gen: 2,
      seq: { mediation: 2 },
      status: LIFE_STATUS.ACCEPTED,
      sources: { intake: null },
    });
  });

  it('gives the same view whatever the interleaving of the topics', () => {
    const intake = [opened()];
    const mediation = [
      created(),
      accepted(),
      event(EVENT_TYPES.MediationFailed.type, mediationContext(POINT)),
      event(EVENT_TYPES.SessionRecorded.type, mediationContext(POINT)),
    ];
    const referral = [
      event(EVENT_TYPES.ReferralCreated.type, referralContext(), REFERRAL),
      event(EVENT_TYPES.ReferralReturned.type, referralContext(), REFERRAL),
    ];
    const withoutRev = ({ rev: _rev, ...rest }: CaseProgressState) => rest;
    const a = last([...intake, ...mediation, ...referral]);
    const b = last([...referral, ...mediation, ...intake]);
    const c = last([mediation[0]!, referral[0]!, ...intake, ...mediation.slice(1), referral[1]!]);
    expect(withoutRev(b)).toEqual(withoutRev(a));
    expect(withoutRev(c)).toEqual(withoutRev(a));
    // The session was before the referral came back: RETURNED.
    expect(a.status).toBe(LIFE_STATUS.RETURNED);
  });
});

describe('the timeline step', () => {
  it('carries who, where, the source and the backfill mark', () => {
    const e = { ...accepted(COMMUNITY), backfilled: true };
    expect(toCaseViewStep(e)!.step).toMatchObject({
      entryId: e.eventId,
      caseId: CASE,
      source: 'mediation',
      summary: '调解委员会受理',
      summaryEn: 'Accepted by the mediation committee',
      actor: { subject: 'm-1', displayName: '赵调解' },
      handler: COMMUNITY,
      backfilled: true,
    });
    const timer = event(EVENT_TYPES.DeadlineBreached.type, mediationContext(POINT));
    expect(toCaseViewStep(timer)!.step).toMatchObject({
      actor: { subject: '', displayName: '平台' },
      backfilled: false,
    });
    const referral = event(EVENT_TYPES.ReferralClaimed.type, referralContext(), REFERRAL);
    expect(toCaseViewStep(referral)!.step).toMatchObject({
      source: 'referral',
      referralId: REFERRAL,
      handler: { code: 'D-COURT', orgUnitCode: 'C' },
      actor: { displayName: '王律师' },
    });
  });

  it('says what happened in both languages, an amendment naming its fields in words', () => {
    const amended = event(EVENT_TYPES.CaseAmended.type, {
      caseId: CASE,
      changedFields: ['people_involved', 'risk'],
    });
    expect(toCaseViewStep(amended)!.step).toMatchObject({
      summary: '登记信息更正：涉及人数、风险等级',
      summaryEn: 'Registration corrected: people involved, risk',
    });
  });

  it('knows every event type of the three topics', () => {
    const topics: string[] = [
      TOPICS.intakeCaseEvents,
      TOPICS.mediationEvents,
      TOPICS.referralEvents,
    ];
    const types = ALL_EVENT_TYPES.filter((t) => topics.includes(t.topic));
    const unknown = types.filter((t) => {
      const payload = {
        caseId: CASE,
        context: { caseId: CASE, referralId: REFERRAL, mediationId: CASE },
      };
      const step = toCaseViewStep(event(t.type as EventType, payload as never))?.step;
      // Each type has its own line in both languages, not the generic one.
      return !step || /步骤$/.test(step.summary) || / step$/.test(step.summaryEn ?? '');
    });
    expect(unknown.map((t) => t.type)).toEqual([]);
    expect(types.length).toBeGreaterThan(30);
  });
});
