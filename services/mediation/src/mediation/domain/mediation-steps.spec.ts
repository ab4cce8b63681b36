import { accept, closeMediation, reopen } from './mediation-lifecycle';
import { recordConsent, recordRefusal } from './mediation-consent';
import { assignMediators } from './mediation-conduct';
import { escalate } from './mediation-handover';
import { fail, reachAgreement } from './mediation-outcome';
import {
  recordConfirmation,
  recordPerformance,
  requestJudicialConfirmation,
} from './mediation-aftercare';
import { ConfirmationExcludedError } from './confirmation-exclusions';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import {
  COURT_REFERRAL,
  A,
  agreed,
  B,
  consented,
  created,
  ctxAt,
  failed,
  inProgress,
  later,
  mediated,
  roster,
  street,
  T0,
  termsOnly,
} from './mediation.fixtures';
import { DAY_MS } from './mediation.step';
import type { MediationState } from './mediation.types';

const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const open = (s: MediationState) =>
  s.deadlines.filter((d) => d.status === 'PENDING' || d.status === 'WARNED');
const close = (s: MediationState, outcome: Parameters<typeof closeMediation>[1]['outcome']) =>
  closeMediation(
    s,
    {
      outcome,
      preventedCriminalEscalation: false,
      preventedCriminalEscalationPersons: 0,
      preventedMassPetition: false,
      preventedMassPetitionPersons: 0,
      note: '',
    },
    ctxAt(),
  );

describe('acceptance and the one-month term', () => {
  it('accepting starts the 30-day term and meets the acceptance deadline', () => {
    const { state, events } = accept(created(), ctxAt());
    expect(state.status).toBe('IN_PROGRESS');
    expect(state.termDueAt).toEqual(at(30));
    expect(open(state).map((d) => d.kind)).toEqual(['MEDIATION_TERM']);
    expect(events[0]).toMatchObject({ name: 'MediationAccepted', data: { termDueAt: at(30) } });
  });

  it('extends the term once every party consented to the same extension', () => {
    const ext = (s: MediationState, partyId: string, days: number) =>
      recordConsent(
        s,
        {
          partyId,
          subject: 'TERM_EXTENSION',
          subjectRef: '',
          method: 2,
          note: '',
          termExtensionDays: days,
        },
        ctxAt(),
      );
    let s = ext(inProgress(), A, 15).state;
    expect(s.termDueAt).toEqual(at(30));
    const other = ext(s, B, 10);
    expect(other.state.termDueAt).toEqual(at(30)); // not the same extension
    const done = ext(s, B, 15);
    s = done.state;
    expect(s.termDueAt).toEqual(at(45));
    expect(done.events[0].data.termDueAt).toEqual(at(45));
    expect(open(s).map((d) => [d.kind, d.dueAt])).toEqual([['MEDIATION_TERM', at(45)]]);
  });

  it('refusing mediation stops it and cancels every timer; refusing a mediator recuses them', () => {
    const stopped = recordRefusal(
      inProgress(),
      { partyId: B, subject: 'MEDIATION', subjectRef: '', method: 1, note: '' },
      ctxAt(),
    );
    expect(stopped.state.status).toBe('STOPPED_BY_REFUSAL');
    expect(stopped.events[0].data.stopsMediation).toBe(true);
    expect(open(stopped.state)).toEqual([]);

    const recused = recordRefusal(
      inProgress(),
      { partyId: A, subject: 'MEDIATOR', subjectRef: 'm-1', method: 1, note: '' },
      ctxAt(),
    ).state;
    expect(recused.status).toBe('IN_PROGRESS');
    expect(() =>
      assignMediators(
        recused,
        {
          mediators: [
            { mediatorId: 'm-1', role: 'LEAD', chosenByParties: false, chosenByPartyId: '' },
          ],
          recusedMediatorIds: [],
          roster: roster(),
        },
        ctxAt(),
      ),
    ).toThrow(RuleViolationError);
  });

  it('needs exactly one lead mediator', () => {
    expect(() =>
      assignMediators(
        inProgress(),
        {
          mediators: [
            { mediatorId: 'm-1', role: 'ASSISTANT', chosenByParties: false, chosenByPartyId: '' },
          ],
          recusedMediatorIds: [],
          roster: roster(),
        },
        ctxAt(),
      ),
    ).toThrow(InvalidInputError);
  });
});

describe('escalation', () => {
  it('records the path, hands over to the target and asks it to accept again', () => {
    const { state, events } = escalate(inProgress(), { target: street, reason: 2 }, later(1));
    expect(state.status).toBe('PENDING_ACCEPTANCE');
    expect(state.committee).toEqual(street);
    expect(state.path.map((p) => [p.committee.code, p.leftAt])).toEqual([
      ['MC-210202002001', at(1)],
      ['MC-210202002', null],
    ]);
    expect(open(state).map((d) => d.kind)).toEqual(['ACCEPTANCE_DECISION']);
    // The event tells the receiving committee's deadline (the case lists show it).
    expect(events[0].data).toMatchObject({
      fromCommittee: { code: 'MC-210202002001' },
      toCommittee: street,
      acceptanceDueAt: open(state)[0].dueAt,
    });
  });

  it('refuses to escalate to the handler itself', () => {
    const s = created();
    expect(() => escalate(s, { target: s.committee, reason: 1 }, ctxAt())).toThrow(
      RuleViolationError,
    );
  });
});

describe('agreement and what follows', () => {
  it('a written agreement needs all consents and signatures; it sets the confirmation window and performance timers', () => {
    const input = {
      form: 'WRITTEN' as const,
      facts: 'f',
      issues: '',
      responsibilities: '',
      obligations: [],
      otherTerms: 't',
      effectiveAt: at(2),
      signedPartyIds: [A, B],
    };
    expect(() => reachAgreement(inProgress(), input, ctxAt())).toThrow(/consented/);
    expect(() => reachAgreement(mediated(), { ...input, signedPartyIds: [A] }, ctxAt())).toThrow(
      /signature/,
    );
    const s = agreed(at(2));
    expect(s.status).toBe('AGREED');
    expect(s.agreement?.totalAmount).toEqual({ currencyCode: 'CNY', amountFen: '30000' });
    expect(open(s).map((d) => [d.kind, d.dueAt, d.ref])).toEqual([
      ['JUDICIAL_CONFIRMATION_WINDOW', at(32), ''],
      ['PERFORMANCE_DUE', at(10), 'o-1#1'],
      ['PERFORMANCE_DUE', at(40), 'o-1#2'],
    ]);
  });

  it.each(['WRITTEN', 'ORAL'] as const)(
    'an agreement (%s) needs a lead mediator on the case (arts. 28, 29)',
    (form) => {
      const input = termsOnly({ form });
      // Consented, but nobody assigned (as after an escalation reset the mediators).
      const none = consented();
      expect(none.mediators).toEqual([]);
      expect(() => reachAgreement(none, input, ctxAt())).toThrow(RuleViolationError);
      expect(() => reachAgreement(none, input, ctxAt())).toThrow(/assign a lead mediator/);
      // Escalation resets the mediators: the receiving committee must assign its own.
      const up = accept(
        escalate(mediated(), { target: street, reason: 1 }, ctxAt()).state,
        ctxAt(),
      ).state;
      expect(up.mediators).toEqual([]);
      expect(() => reachAgreement(up, input, ctxAt())).toThrow(/assign a lead mediator/);
      expect(reachAgreement(mediated(), input, ctxAt()).state.status).toBe('AGREED');
    },
  );

  it('instalments must add up to the obligation', () => {
    const s = mediated();
    expect(() =>
      reachAgreement(
        s,
        {
          form: 'ORAL',
          facts: 'f',
          issues: '',
          responsibilities: '',
          otherTerms: '',
          effectiveAt: null,
          signedPartyIds: [],
          obligations: [
            {
              obligationId: '',
              obligorPartyId: B,
              obligeePartyId: A,
              kind: 1,
              description: '',
              amount: { currencyCode: 'CNY', amountFen: '100' },
              manner: 3,
              dueAt: null,
              instalments: [
                {
                  number: 1,
                  amount: { currencyCode: 'CNY', amountFen: '50' },
                  dueAt: null,
                  status: 'PENDING',
                  amountPaid: null,
                  performedAt: null,
                },
              ],
            },
          ],
        },
        ctxAt(),
      ),
    ).toThrow(InvalidInputError);
  });

  it('judicial confirmation only within 30 days of effect, then accepted with a number and confirmed', () => {
    const court = { code: 'CRT-210202', type: 1 };
    const late = () =>
      requestJudicialConfirmation(
        agreed(),
        { court, appliedAt: at(31), applicantPartyIds: [A, B], note: '' },
        later(31),
      );
    expect(late).toThrow(/30-day window/);
    expect(() =>
      requestJudicialConfirmation(
        agreed(),
        { court, appliedAt: null, applicantPartyIds: [A], note: '' },
        later(5),
      ),
    ).toThrow(/jointly/);
    let s = requestJudicialConfirmation(
      agreed(),
      { court, appliedAt: null, applicantPartyIds: [A, B], note: '' },
      later(29),
    ).state;
    expect(s.judicialConfirmation.status).toBe('REQUESTED');
    expect(open(s).map((d) => d.kind)).toEqual([
      'PERFORMANCE_DUE',
      'PERFORMANCE_DUE',
      'COURT_ACCEPTANCE',
    ]);
    const noNumber = {
      result: 'ACCEPTED' as const,
      confirmationNumber: '',
      decidedAt: null,
      decisionTermExtended: true,
      note: '',
    };
    expect(() => recordConfirmation(s, noNumber, later(30))).toThrow(InvalidInputError);
    expect(() => recordConfirmation(s, { ...noNumber, result: 'CONFIRMED' }, later(30))).toThrow(
      /cannot follow REQUESTED/,
    );
    s = recordConfirmation(s, { ...noNumber, confirmationNumber: '调确字1号' }, later(30)).state;
    expect(open(s).find((d) => d.kind === 'COURT_DECISION')?.dueAt).toEqual(at(55)); // 15 + 10 days
    s = recordConfirmation(s, { ...noNumber, result: 'CONFIRMED' }, later(40)).state;
    expect(s.judicialConfirmation).toMatchObject({
      status: 'CONFIRMED',
      confirmationNumber: '调确字1号',
    });
  });

  it.each([
    ['PERSONAL_STATUS', '确认身份关系的，人民法院不予受理'],
    ['ADOPTION', '确认收养关系的，人民法院不予受理'],
    ['MARRIAGE', '确认婚姻关系的，人民法院不予受理'],
  ] as const)(
    'refuses judicial confirmation of an agreement settling %s, with the court’s ground (法释〔2011〕5号 art. 4)',
    (matter, ground) => {
      const s = reachAgreement(mediated(), termsOnly({ statusMatters: [matter] }), ctxAt()).state;
      expect(s.agreement?.statusMatters).toEqual([matter]);
      const before = structuredClone(s);
      const apply = () =>
        requestJudicialConfirmation(
          s,
          {
            court: { code: 'CRT-210202', type: 1 },
            appliedAt: null,
            applicantPartyIds: [A, B],
            note: '',
          },
          later(1),
        );
      expect(apply).toThrow(ConfirmationExcludedError);
      expect(apply).toThrow(RuleViolationError);
      expect(apply).toThrow(`CONFIRMATION_REFUSAL_REASON_${matter}`);
      expect(apply).toThrow(ground);
      try {
        apply();
      } catch (e) {
        expect((e as ConfirmationExcludedError).reason).toBe(matter);
      }
      expect(s).toEqual(before);
    },
  );

  it('a court refusal carries the court’s ground (法释〔2011〕5号 arts. 4, 7)', () => {
    const court = { code: 'CRT-210202', type: 1 };
    const requested = requestJudicialConfirmation(
      agreed(),
      { court, appliedAt: null, applicantPartyIds: [A, B], note: '' },
      later(1),
    ).state;
    const refusal = {
      result: 'NOT_ACCEPTED' as const,
      confirmationNumber: '',
      decidedAt: null,
      decisionTermExtended: false,
      note: '',
    };
    expect(() => recordConfirmation(requested, refusal, later(2))).toThrow(/refusal_reason/);
    expect(() =>
      recordConfirmation(
        requested,
        { ...refusal, result: 'WITHDRAWN', refusalReason: 'UNCLEAR' },
        later(2),
      ),
    ).toThrow(InvalidInputError);
    const { state, events } = recordConfirmation(
      requested,
      { ...refusal, refusalReason: 'HARMS_THIRD_PARTY' },
      later(2),
    );
    expect(state.judicialConfirmation).toMatchObject({
      status: 'NOT_CONFIRMED',
      refusalReason: 'HARMS_THIRD_PARTY',
    });
    expect(events[0].data.refusalReason).toBe('HARMS_THIRD_PARTY');
  });

  it('performance: suggests confirmation on default, follow-up when all is performed', () => {
    const perf = (s: MediationState, n: number, status: 'PERFORMED' | 'DEFAULTED') =>
      recordPerformance(
        s,
        { obligationId: 'o-1', instalmentNumber: n, status, amountPaid: null, performedAt: null },
        ctxAt(),
      );
    const defaulted = perf(agreed(), 1, 'DEFAULTED');
    expect(defaulted.extra).toBe('JUDICIAL_CONFIRMATION');
    const one = perf(agreed(), 1, 'PERFORMED');
    expect(one.extra).toBe('NONE');
    expect(one.state.agreement?.obligations[0].status).toBe('PARTIALLY_PERFORMED');
    const all = perf(one.state, 2, 'PERFORMED');
    expect(all.extra).toBe('FOLLOW_UP');
    expect(all.events[0].data.agreementFullyPerformed).toBe(true);
    expect(open(all.state).map((d) => d.kind)).toEqual(['JUDICIAL_CONFIRMATION_WINDOW']);
    expect(() => close(agreed(), 'AGREEMENT_PERFORMED')).toThrow(/not fully performed/);
    expect(close(all.state, 'AGREEMENT_PERFORMED').state.status).toBe('CLOSED');
  });
});

describe('failure, closure and reopening', () => {
  it('failure tells the routes and may request a referral', () => {
    expect(() =>
      fail(inProgress(), { reason: 3, note: '', remediesTold: [], referral: null }, ctxAt()),
    ).toThrow(/art. 26/);
    const { state, events } = fail(
      inProgress(),
      {
        reason: 3,
        note: '',
        remediesTold: [3],
        referral: {
          ...COURT_REFERRAL,
          summary: '施工方拒绝赔偿，申请人拟起诉',
          whatWasTried: '两次调解',
        },
      },
      ctxAt(),
    );
    expect(state.failure?.referralRequested).toBe(true);
    // The committee's words stay with the failure; the event says only that there are some.
    expect(state.failure).toMatchObject({
      referralSummary: '施工方拒绝赔偿，申请人拟起诉',
      referralWhatWasTried: '两次调解',
    });
    expect(events[0].data).toMatchObject({
      referralRequested: true,
      referralInstitutionType: 1,
      referralRemedy: 3,
      referralHandoverWritten: true,
    });
    expect(JSON.stringify(events[0].data)).not.toContain('施工方');
  });

  it('closes only with an outcome that matches the status', () => {
    expect(() => close(failed(), 'AGREEMENT_CONFIRMED')).toThrow(RuleViolationError);
    const { state, events } = close(failed(), 'REFERRED_OUT');
    expect(state.closure?.finalStatus).toBe('FAILED');
    expect(events[0].data).toMatchObject({ outcome: 'REFERRED_OUT', finalStatus: 'FAILED' });
  });

  it('reopens an agreed case (closed or not) with a new term, but not a failed one', () => {
    const reopened = reopen(agreed(), { reason: 1 }, later(50)).state;
    expect(reopened.status).toBe('IN_PROGRESS');
    expect(open(reopened).map((d) => [d.kind, d.dueAt])).toEqual([['MEDIATION_TERM', at(80)]]);
    const closedFailed = close(failed(), 'FAILED').state;
    expect(() => reopen(closedFailed, { reason: 1 }, ctxAt())).toThrow(RuleViolationError);
  });
});
