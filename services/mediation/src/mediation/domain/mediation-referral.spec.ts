import { closeMediation, createMediation } from './mediation-lifecycle';
import { accept } from './mediation-lifecycle';
import { fail } from './mediation-outcome';
import { receiveReferralOutcome, type ReferralOutcomeInput } from './mediation-referral';
import { DomainValidationError, InvalidTransitionError } from './mediation.errors';
import { community, ctxAt, failed, inProgress, later, T0 } from './mediation.fixtures';
import { DAY_MS } from './mediation.step';
import type { MediationState } from './mediation.types';

const lawyer = { subject: 'lawyer-a1', role: 4, orgUnitCode: '210202', displayName: '法院 工作室' };
const courtDesk = { code: 'CRT-210202-D01', orgUnitCode: '210202', level: 2 };
const decidedAt = new Date(T0.getTime() + 5 * DAY_MS);

const outcome = (over: Partial<ReferralOutcomeInput> = {}): ReferralOutcomeInput => ({
  referralId: 'ref-1',
  outcome: 2, // GUIDED_TO_LITIGATION_FILED
  institution: { code: 'CRT-210202', type: 1 },
  deskCode: 'CRT-210202-D01',
  externalReference: '（2026）辽0202民初123号',
  decidedAt,
  desk: courtDesk,
  ...over,
});

const failedWithReferral = () =>
  fail(
    inProgress(),
    {
      reason: 3,
      note: '',
      remediesTold: [3],
      referral: { institutionType: 1, deskCode: '', remedy: 3 },
    },
    ctxAt(),
  ).state;

const receive = (s: MediationState, over: Partial<ReferralOutcomeInput> = {}) =>
  receiveReferralOutcome(s, outcome(over), { ...later(6), actor: lawyer });

describe('the referral outcome comes back (ReferralOutcomeRecorded)', () => {
  it('closes a failed mediation as REFERRED_OUT with the court outcome and reference', () => {
    const before = failedWithReferral();
    const snapshot = structuredClone(before);
    const { state, events } = receive(before);
    expect(before).toEqual(snapshot); // the input is never mutated
    expect(state.status).toBe('CLOSED');
    expect(state.closedAt).toEqual(later(6).now);
    expect(state.failure?.referralId).toBe('ref-1');
    expect(state.closure).toMatchObject({
      outcome: 'REFERRED_OUT',
      finalStatus: 'FAILED',
      referralId: 'ref-1',
      referralOutcome: 2,
      referralInstitution: { code: 'CRT-210202', type: 1 },
      referralDeskCode: 'CRT-210202-D01',
      referralExternalReference: '（2026）辽0202民初123号',
      referralDecidedAt: decidedAt,
    });
    expect(state.deadlines.every((d) => d.status !== 'PENDING' && d.status !== 'WARNED')).toBe(
      true,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: 'MediationClosed',
      takenAt: courtDesk,
      data: {
        outcome: 'REFERRED_OUT',
        finalStatus: 'FAILED',
        referralId: 'ref-1',
        referralOutcome: 2,
        referralInstitution: { code: 'CRT-210202', type: 1 },
        referralExternalReference: '（2026）辽0202民初123号',
        referralDecidedAt: decidedAt,
      },
    });
  });

  it('a second outcome for the same referral changes nothing', () => {
    const closed = receive(failedWithReferral()).state;
    for (const again of [receive(closed), receive(closed, { outcome: 4, externalReference: '' })]) {
      expect(again.events).toEqual([]);
      expect(again.state).toEqual(closed);
    }
  });

  it('is allowed only while FAILED: a closed-by-hand or open mediation is not touched', () => {
    const closedByHand = closeMediation(
      failed(),
      {
        outcome: 'FAILED',
        preventedCriminalEscalation: false,
        preventedCriminalEscalationPersons: 0,
        preventedMassPetition: false,
        preventedMassPetitionPersons: 0,
        note: '',
      },
      ctxAt(),
    ).state;
    expect(() => receive(closedByHand)).toThrow(InvalidTransitionError);
    expect(() => receive(inProgress())).toThrow(/ReceiveReferralOutcome is not allowed/);
    // Another referral's outcome after the first one closed the case: not allowed either.
    const closed = receive(failedWithReferral()).state;
    expect(() => receive(closed, { referralId: 'ref-2' })).toThrow(InvalidTransitionError);
  });

  it('needs the referral id and an outcome', () => {
    expect(() => receive(failed(), { outcome: 0 })).toThrow(DomainValidationError);
    expect(() => receive(failed(), { referralId: '' })).toThrow(DomainValidationError);
  });

  it('an entrusted case that failed closes the same way and its entrusted term ends', () => {
    const entrusted = createMediation(
      {
        caseId: 'case-2',
        caseNumber: 'n',
        committee: community,
        orgUnit: { code: '210202002001', level: 4 },
        category: 2,
        source: 1,
        channel: 1,
        parties: [],
        riskLevel: 1,
        referralId: 'inbound-ref',
        entrustedBy: { code: 'CRT-210202', type: 1 },
        entrustedTermDueAt: new Date(T0.getTime() + 30 * DAY_MS),
      },
      ctxAt(),
    ).state;
    const failedEntrusted = fail(
      accept(entrusted, ctxAt()).state,
      { reason: 3, note: '', remediesTold: [3], referral: null },
      ctxAt(),
    ).state;
    expect(
      failedEntrusted.deadlines.some((d) => d.kind === 'ENTRUSTED_TERM' && d.status === 'PENDING'),
    ).toBe(true);
    const { state } = receive(failedEntrusted, { desk: null });
    expect(state.referralId).toBe('inbound-ref'); // the entrustment stays as it was
    expect(state.closure?.referralId).toBe('ref-1');
    expect(state.deadlines.find((d) => d.kind === 'ENTRUSTED_TERM')?.status).toBe('CANCELLED');
  });
});
