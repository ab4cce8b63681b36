import { closeMediation, createMediation } from './mediation-lifecycle';
import { accept } from './mediation-lifecycle';
import { fail } from './mediation-outcome';
import {
  filedForFailure,
  linkFailureReferral,
  outcomeClosesMediation,
  receiveReferralOutcome,
  type FiledReferral,
  type ReferralOutcomeInput,
} from './mediation-referral';
import { InvalidInputError, InvalidTransitionError, RuleViolationError } from './mediation.errors';
import {
  COURT_REFERRAL,
  community,
  ctxAt,
  failed,
  failedAskingReferral,
  inProgress,
  later,
  T0,
} from './mediation.fixtures';
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

const filed = (over: Partial<FiledReferral> = {}): FiledReferral => ({
  referralId: 'ref-1',
  afterFailedMediation: true,
  filedAt: later(1).now,
  ...over,
});

/** Failed with a referral requested, and `ref-1` filed for that failure. */
const failedWithReferral = () => linkFailureReferral(failedAskingReferral(), filed())!.state;

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
    expect(() => receive(failedWithReferral(), { outcome: 0 })).toThrow(InvalidInputError);
    expect(() => receive(failedWithReferral(), { referralId: '' })).toThrow(InvalidInputError);
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
    const failedEntrusted = linkFailureReferral(
      fail(
        accept(entrusted, ctxAt()).state,
        {
          reason: 3,
          note: '',
          remediesTold: [3],
          referral: COURT_REFERRAL,
        },
        ctxAt(),
      ).state,
      filed(),
    )!.state;
    expect(
      failedEntrusted.deadlines.some((d) => d.kind === 'ENTRUSTED_TERM' && d.status === 'PENDING'),
    ).toBe(true);
    const { state } = receive(failedEntrusted, { desk: null });
    expect(state.referralId).toBe('inbound-ref'); // the entrustment stays as it was
    expect(state.closure?.referralId).toBe('ref-1');
    expect(state.deadlines.find((d) => d.kind === 'ENTRUSTED_TERM')?.status).toBe('CANCELLED');
  });
});

describe('only the referral filed for the failure closes the mediation', () => {
  it('links the first referral made after 调解不成 and filed at or after the failure', () => {
    const before = failedAskingReferral();
    const snapshot = structuredClone(before);
    const linked = linkFailureReferral(before, filed({ filedAt: T0 }));
    expect(before).toEqual(snapshot);
    expect(linked?.events).toEqual([]);
    expect(linked?.state.failure?.referralId).toBe('ref-1');
    // A second referral does not replace the first.
    expect(linkFailureReferral(linked!.state, filed({ referralId: 'ref-2' }))).toBeNull();
  });

  it('does not link a referral filed while the mediation was going on', () => {
    const failedLater = failedAskingReferral(later(2));
    expect(filedForFailure(failedLater, filed({ filedAt: later(1).now }))).toBe(false);
    expect(linkFailureReferral(failedLater, filed({ filedAt: later(1).now }))).toBeNull();
    expect(filedForFailure(inProgress(), filed())).toBe(false);
  });

  it('does not link an OUT_OF_SCOPE referral, nor any for a failure that asked for none', () => {
    expect(
      linkFailureReferral(failedAskingReferral(), filed({ afterFailedMediation: false })),
    ).toBeNull();
    expect(linkFailureReferral(failed(), filed())).toBeNull();
  });

  it("refuses another referral's outcome: the mediation stays FAILED", () => {
    const state = failedWithReferral();
    expect(outcomeClosesMediation(state, 'ref-1')).toBe(true);
    expect(outcomeClosesMediation(state, 'ref-out-of-scope')).toBe(false);
    expect(() => receive(state, { referralId: 'ref-out-of-scope' })).toThrow(RuleViolationError);
    // Nothing filed for the failure yet, or no referral asked for: no outcome closes it.
    expect(outcomeClosesMediation(failedAskingReferral(), 'ref-1')).toBe(false);
    expect(() => receive(failedAskingReferral())).toThrow(RuleViolationError);
    expect(outcomeClosesMediation(failed(), 'ref-1')).toBe(false);
    expect(() => receive(failed())).toThrow(RuleViolationError);
  });

  it('a failure recorded before referrals were linked takes the outcome as it did then', () => {
    const legacy = failedAskingReferral();
    delete legacy.failure!.failedAt;
    expect(outcomeClosesMediation(legacy, 'ref-9')).toBe(true);
    expect(receive(legacy, { referralId: 'ref-9' }).state.status).toBe('CLOSED');
    const legacyNoRequest = failed();
    delete legacyNoRequest.failure!.failedAt;
    expect(outcomeClosesMediation(legacyNoRequest, 'ref-9')).toBe(false);
  });
});
