import type { ReferralDomainEvent } from './referral.events';
import { DomainError, type InvalidInputError } from '@mediation/domain-kit';
import { createOutboundReferral, createRiskAlert, receiveEntrustment } from './referral.factory';
import {
  claim,
  decline,
  fireDueSla,
  recordOutcome,
  recordWork,
  reportEntrustmentResult,
  returnToSender,
  type StepContext,
} from './referral.state-machine';
import type { Actor, DeskRef, ReferralState } from './referral.types';
import { isOverdue } from './sla-policy';
import { testSlaPolicy } from './sla-policy.fixtures';
import { WorkingCalendar } from './working-calendar';

const policy = testSlaPolicy(new WorkingCalendar({ holidays: ['2026-11-27'] }));
const courtDesk: DeskRef = {
  code: 'CRT-210202-D01',
  institutionCode: 'CRT-210202',
  institutionType: 'COURT',
};
const aidDesk: DeskRef = {
  code: 'LAD-210202-D01',
  institutionCode: 'LAD-210202',
  institutionType: 'LEGAL_AID_CENTRE',
};
const lawyer = (subject: string): Actor => ({ subject, role: 4, orgUnitCode: '' });
/** Wednesday 25 Nov 2026, 10:00 in Dalian; Friday 27 Nov is a configured holiday. */
const T0 = new Date('2026-11-25T10:00:00+08:00');
const at = (iso: string) => new Date(`${iso}+08:00`);
const ctx = (subject: string, now = T0): StepContext => ({
  now,
  actor: lawyer(subject),
  policy,
});
const types = (events: ReferralDomainEvent[]) => events.map((e) => e.type);

function pending(): ReferralState {
  return createOutboundReferral(
    {
      referralId: 'r1',
      kind: 'AFTER_FAILED_MEDIATION',
      caseId: 'c1',
      mediationId: 'c1',
      committee: { code: 'MC-210202001001', orgUnitCode: '210202001001', level: 4 },
      desk: courtDesk,
      orgUnitCode: '210202001001',
      category: 2,
      remedy: 3,
      handover: { summary: 's', whatWasTried: 'w', documentIds: ['d1'] },
    },
    { now: T0, actor: null, policy },
  ).state;
}
const claimed = (by = 'lawyer-a') => claim(pending(), ctx(by)).state;

/** The domain's refusal; `field` names the request field of an invalid input. */
function rule(fn: () => unknown): DomainError & Partial<Pick<InvalidInputError, 'field'>> {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('creating referrals', () => {
  it('puts an outbound referral in the desk inbox with a claim deadline in working days', () => {
    const { state, events } = createOutboundReferral(
      { ...pending(), kind: 'AFTER_FAILED_MEDIATION' },
      { now: T0, actor: null, policy },
    );
    expect(state).toMatchObject({ status: 'PENDING', direction: 'OUTBOUND', desk: courtDesk });
    // Thu 26, (Fri 27 holiday), Mon 30, Tue 1 Dec.
    expect(state.claimDueAt).toEqual(at('2026-12-01T23:59:59.999'));
    expect(state.nextDueAt).toEqual(state.claimDueAt);
    expect(state.sortDueAt).toEqual(state.claimDueAt);
    expect(state.institution).toEqual({ code: 'CRT-210202', type: 'COURT' });
    expect(types(events)).toEqual(['ReferralCreated']);
  });

  it('refuses a referral without its case', () => {
    const error = rule(() =>
      createOutboundReferral(
        { ...pending(), caseId: '', kind: 'OUT_OF_SCOPE' },
        {
          now: T0,
          actor: null,
          policy,
        },
      ),
    );
    expect(error).toMatchObject({ kind: 'invalid-argument', field: 'case_id' });
  });

  it('raises a risk alert as a pending referral with an audit event', () => {
    const { state, events } = createRiskAlert(
      {
        ...pending(),
        riskLevel: 4,
        riskFactors: [1],
        peopleInvolved: 5,
        triggerEventType: 'mediation.intake.v1.CaseOpened',
      },
      { now: T0, actor: null, policy },
    );
    expect(state).toMatchObject({ kind: 'RISK_ALERT', status: 'PENDING', riskLevel: 4 });
    expect(types(events)).toEqual(['ReferralCreated', 'RiskAlertRaised']);
  });

  it('receives an entrustment in mediation with the entrusted term in calendar days', () => {
    const input = {
      ...pending(),
      kind: 'COURT_PRE_FILING' as const,
      externalReference: '（2026）辽0202诉前调1号',
      riskLevel: 1,
      riskFactors: [],
      peopleInvolved: 2,
      entrustedAt: T0,
      termDays: 0,
    };
    const { state, events } = receiveEntrustment(input, { now: T0, actor: null, policy });
    expect(state).toMatchObject({ direction: 'INBOUND', status: 'IN_MEDIATION' });
    expect(state.termDueAt).toEqual(at('2026-12-25T23:59:59.999'));
    expect(types(events)).toEqual(['EntrustmentReceived']);
    const short = receiveEntrustment({ ...input, termDays: 15 }, { now: T0, actor: null, policy });
    expect(short.state.termDueAt).toEqual(at('2026-12-10T23:59:59.999'));
    expect(
      rule(() => receiveEntrustment({ ...input, termDays: -1 }, { now: T0, actor: null, policy })),
    ).toMatchObject({ field: 'term_days' });
  });
});

describe('claim', () => {
  it('gives the referral to the first lawyer and starts the outcome deadline', () => {
    const { state, events } = claim(pending(), ctx('lawyer-a'));
    expect(state).toMatchObject({ status: 'CLAIMED', claimedBy: 'lawyer-a', claimedAt: T0 });
    expect(state.outcomeDueAt).toEqual(at('2026-12-10T23:59:59.999'));
    expect(state.activeDueAt).toEqual(state.outcomeDueAt);
    expect(events).toEqual([
      expect.objectContaining({ type: 'ReferralClaimed', lawyerId: 'lawyer-a' }),
    ]);
  });

  it('tells the second lawyer it is already claimed', () => {
    const error = rule(() => claim(claimed('lawyer-a'), ctx('lawyer-b')));
    expect(error.kind).toBe('failed-precondition');
    expect(error.message).toMatch(/already claimed by lawyer-a/);
  });

  it('cannot claim a closed referral', () => {
    const closed = returnToSender(claimed(), { reason: 'OTHER', note: '' }, ctx('lawyer-a')).state;
    expect(rule(() => claim(closed, ctx('lawyer-b'))).kind).toBe('failed-precondition');
  });
});

describe('decline', () => {
  it('sends it back to the sender without a reroute desk', () => {
    const { state, events } = decline(
      pending(),
      { reason: 'OUT_OF_JURISDICTION', note: 'n', rerouteTo: null },
      ctx('lawyer-a'),
    );
    expect(state).toMatchObject({ status: 'RETURNED', closedAt: T0, nextDueAt: null });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ReferralDeclined',
        backToSender: true,
        rerouteDeskCode: '',
      }),
    ]);
  });

  it('reroutes to another desk with a fresh claim deadline', () => {
    const later = at('2026-11-30T09:00:00');
    const { state, events } = decline(
      claimed(),
      { reason: 'WRONG_DESK', note: '', rerouteTo: aidDesk },
      ctx('lawyer-a', later),
    );
    expect(state).toMatchObject({
      status: 'PENDING',
      desk: aidDesk,
      institution: { code: 'LAD-210202', type: 'LEGAL_AID_CENTRE' },
      claimedBy: '',
      outcomeDueAt: null,
    });
    expect(state.claimDueAt).toEqual(at('2026-12-03T23:59:59.999'));
    expect(types(events)).toEqual(['ReferralDeclined', 'ReferralRerouted']);
    expect(events[1]).toMatchObject({ fromDesk: courtDesk, toDesk: aidDesk });
  });

  it('refuses rerouting to the same desk, and declining someone else’s claim', () => {
    expect(
      rule(() => decline(pending(), { reason: 'OTHER', note: '', rerouteTo: courtDesk }, ctx('x'))),
    ).toMatchObject({ kind: 'invalid-argument', field: 'reroute_desk_code' });
    expect(
      rule(() => decline(claimed('a'), { reason: 'OTHER', note: '', rerouteTo: null }, ctx('b'))),
    ).toMatchObject({ kind: 'failed-precondition' });
    const returned = decline(pending(), { reason: 'OTHER', note: '', rerouteTo: null }, ctx('a'));
    expect(
      rule(() => decline(returned.state, { reason: 'OTHER', note: '', rerouteTo: null }, ctx('a'))),
    ).toMatchObject({ kind: 'failed-precondition' });
  });
});

describe('work, outcome and return', () => {
  const work = {
    workId: 'w1',
    kind: 'CONSULTATION' as const,
    performedAt: T0,
    durationMinutes: 30,
    summary: 'advice on filing',
  };

  it('records work by the claiming lawyer only', () => {
    const { state, events } = recordWork(claimed('a'), work, ctx('a'));
    expect(state.work).toEqual([
      expect.objectContaining({ workId: 'w1', recordedBy: lawyer('a') }),
    ]);
    expect(types(events)).toEqual(['ReferralWorkRecorded']);
    expect(rule(() => recordWork(claimed('a'), work, ctx('b'))).kind).toBe('failed-precondition');
    expect(rule(() => recordWork(pending(), work, ctx('a'))).kind).toBe('failed-precondition');
    expect(
      rule(() => recordWork(claimed('a'), { ...work, durationMinutes: -5 }, ctx('a'))).field,
    ).toBe('duration_minutes');
    expect(
      rule(() =>
        recordWork(claimed('a'), { ...work, performedAt: at('2027-01-01T00:00:00') }, ctx('a')),
      ).field,
    ).toBe('performed_at');
  });

  it('records the outcome and closes the referral', () => {
    const { state, events } = recordOutcome(
      claimed('a'),
      {
        outcome: 'GUIDED_TO_LITIGATION_FILED',
        note: 'filed',
        externalReference: '（2026）辽0202民初1号',
        decidedAt: T0,
      },
      ctx('a'),
    );
    expect(state).toMatchObject({
      status: 'OUTCOME_RECORDED',
      outcome: 'GUIDED_TO_LITIGATION_FILED',
      externalReference: '（2026）辽0202民初1号',
      closedAt: T0,
      nextDueAt: null,
      activeDueAt: null,
    });
    expect(events[0]).toMatchObject({ type: 'ReferralOutcomeRecorded', outcome: state.outcome });
  });

  it('needs the lawsuit number for a filed lawsuit, and a claimed referral', () => {
    const input = {
      outcome: 'GUIDED_TO_LITIGATION_FILED' as const,
      note: '',
      externalReference: '',
      decidedAt: T0,
    };
    expect(rule(() => recordOutcome(claimed('a'), input, ctx('a'))).field).toBe(
      'external_reference',
    );
    expect(
      rule(() => recordOutcome(pending(), { ...input, outcome: 'WITHDRAWN' }, ctx('a'))).kind,
    ).toBe('failed-precondition');
  });

  it('returns a claimed referral to the sender', () => {
    const { state, events } = returnToSender(
      claimed('a'),
      { reason: 'PARTIES_UNREACHABLE', note: '' },
      ctx('a'),
    );
    expect(state.status).toBe('RETURNED');
    expect(events[0]).toMatchObject({ type: 'ReferralReturned', reason: 'PARTIES_UNREACHABLE' });
    expect(
      rule(() => returnToSender(claimed('a'), { reason: 'OTHER', note: '' }, ctx('b'))).kind,
    ).toBe('failed-precondition');
  });
});

describe('entrustment results', () => {
  const entrusted = () =>
    receiveEntrustment(
      {
        ...pending(),
        kind: 'COURT_PRE_FILING',
        externalReference: 'x',
        riskLevel: 1,
        riskFactors: [],
        peopleInvolved: 2,
        entrustedAt: T0,
        termDays: 30,
      },
      { now: T0, actor: null, policy },
    ).state;

  it('reports the first result and ignores later ones', () => {
    const first = reportEntrustmentResult(
      entrusted(),
      { result: 'AGREEMENT_REACHED', agreementId: 'ag1' },
      { now: T0, actor: null },
    );
    expect(first?.state).toMatchObject({
      status: 'RESULT_REPORTED',
      entrustmentResult: 'AGREEMENT_REACHED',
      agreementId: 'ag1',
      nextDueAt: null,
    });
    expect(types(first!.events)).toEqual(['EntrustmentResultReported']);
    expect(
      reportEntrustmentResult(
        first!.state,
        { result: 'MEDIATION_FAILED' },
        { now: T0, actor: null },
      ),
    ).toBeNull();
    expect(
      reportEntrustmentResult(pending(), { result: 'MEDIATION_FAILED' }, { now: T0, actor: null }),
    ).toBeNull();
  });

  it('reports TERM_EXPIRED when the entrusted term runs out', () => {
    const state = entrusted();
    const fired = fireDueSla(state, { now: at('2026-12-26T00:00:00'), escalatedTo: 'sup' });
    expect(types(fired!.events)).toEqual(['SlaBreached', 'EntrustmentResultReported']);
    expect(fired!.state).toMatchObject({
      status: 'RESULT_REPORTED',
      entrustmentResult: 'TERM_EXPIRED',
      nextDueAt: null,
    });
    expect(fired!.state.breaches).toHaveLength(1);
  });
});

describe('SLA breaches', () => {
  const due = at('2026-12-01T23:59:59.999');

  it('fires nothing before the deadline', () => {
    expect(fireDueSla(pending(), { now: at('2026-12-01T23:00:00'), escalatedTo: 's' })).toBeNull();
  });

  it('fires the claim deadline exactly once and keeps the referral overdue in the inbox', () => {
    const now = at('2026-12-02T00:00:01');
    const fired = fireDueSla(pending(), { now, escalatedTo: 'supervisor-1' });
    expect(fired!.events).toEqual([
      { type: 'SlaBreached', actor: null, sla: 'CLAIM', dueAt: due, escalatedTo: 'supervisor-1' },
    ]);
    expect(fired!.state.nextDueAt).toBeNull();
    expect(fired!.state.activeDueAt).toEqual(due);
    expect(isOverdue(fired!.state, now)).toBe(true);
    expect(fireDueSla(fired!.state, { now, escalatedTo: 'supervisor-1' })).toBeNull();
  });

  it('starts over after a claim: the outcome deadline fires on its own', () => {
    const late = at('2026-12-03T09:00:00');
    const breached = fireDueSla(pending(), { now: late, escalatedTo: 's' })!.state;
    const afterClaim = claim(breached, ctx('a', late)).state;
    expect(isOverdue(afterClaim, late)).toBe(false);
    expect(afterClaim.nextDueAt).toEqual(afterClaim.outcomeDueAt);
    const fired = fireDueSla(afterClaim, { now: at('2027-01-01T00:00:00'), escalatedTo: 's' });
    expect(fired!.events[0]).toMatchObject({ sla: 'OUTCOME' });
  });

  it('a reroute sets a new claim deadline that may fire once again', () => {
    const late = at('2026-12-03T09:00:00');
    const breached = fireDueSla(pending(), { now: late, escalatedTo: 's' })!.state;
    const moved = decline(
      breached,
      { reason: 'WRONG_DESK', note: '', rerouteTo: aidDesk },
      ctx('a', late),
    ).state;
    expect(moved.nextDueAt).toEqual(moved.claimDueAt);
    const again = fireDueSla(moved, { now: at('2026-12-31T00:00:00'), escalatedTo: 's2' });
    expect(again!.state.breaches.map((b) => b.deskCode)).toEqual([courtDesk.code, aidDesk.code]);
  });

  it('has no deadline once closed', () => {
    const closed = decline(pending(), { reason: 'OTHER', note: '', rerouteTo: null }, ctx('a'));
    expect(
      fireDueSla(closed.state, { now: at('2030-01-01T00:00:00'), escalatedTo: 's' }),
    ).toBeNull();
  });
});
