import { decodePayload, mediationV1 } from '@mediation/contracts';
import {
  closeMediation,
  fireDueDeadlines,
  recordConsent,
  respondToSession,
  signAgreement,
} from '../domain';
import {
  agreed,
  ctxAt,
  failed,
  inProgress,
  partyCtx,
  proposed,
  scheduled,
  T0,
} from '../domain/mediation.fixtures';
import { toNewEvent } from '../events/mediation-event.mapper';
import { mediationView } from './mediation-view.mapper';

const M = mediationV1;
const actor = ctxAt().actor;

describe('domain events as contract events', () => {
  it('maps domain enum names to the contract numbers and adds the context', () => {
    const { state, events } = closeMediation(
      failed(),
      {
        outcome: 'REFERRED_OUT',
        preventedCriminalEscalation: true,
        preventedCriminalEscalationPersons: 3,
        preventedMassPetition: false,
        preventedMassPetitionPersons: 0,
        note: 'never in events',
      },
      ctxAt(),
    );
    const e = toNewEvent(events[0], state, actor, 'topic-x', T0);
    expect(e).toMatchObject({
      eventType: 'mediation.mediation.v1.MediationClosed',
      topic: 'topic-x',
    });
    const payload = decodePayload('mediation.mediation.v1.MediationClosed', e.payload);
    expect(payload).toMatchObject({
      outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
      finalStatus: M.MediationStatus.MEDIATION_STATUS_FAILED,
      preventedCriminalEscalationPersons: 3,
      context: {
        mediationId: 'case-1',
        caseId: 'case-1',
        committee: { code: 'MC-210202002001', level: 4 },
        actor: { subject: 'u-1', role: 2 },
      },
    });
  });

  it('keeps consent subjects and deadline kinds, and the actor subject as a string', () => {
    const consent = recordConsent(
      inProgress(),
      {
        partyId: 'p-a',
        subject: 'TERM_EXTENSION',
        subjectRef: '',
        method: 2,
        note: '',
        termExtensionDays: 5,
      },
      ctxAt(),
    );
    const c = decodePayload(
      'mediation.mediation.v1.ConsentRecorded',
      toNewEvent(consent.events[0], consent.state, actor, 't', T0).payload,
    );
    expect(c.subject).toBe(M.ConsentSubject.CONSENT_SUBJECT_TERM_EXTENSION);
    expect(c.context?.actor?.subject).toBe('u-1');

    const s = agreed();
    const fired = fireDueDeadlines(s, new Date(T0.getTime() + 100 * 86_400_000));
    const breached = fired.find((f) => f.name === 'DeadlineBreached')!;
    const d = decodePayload(
      'mediation.mediation.v1.DeadlineBreached',
      toNewEvent(breached, s, actor, 't', T0).payload,
    );
    expect(d.kind).toBe(M.DeadlineKind.DEADLINE_KIND_JUDICIAL_CONFIRMATION_WINDOW);
    expect(Number(d.dueAt?.seconds)).toBe(Math.floor(T0.getTime() / 1000) + 30 * 86_400);
  });
});

describe('the Mediation view', () => {
  it('carries statuses, agreement terms and deadlines in contract form, and no agreement PII', () => {
    const state = { ...agreed(), agreementParties: [{ partyId: 'p-a', name: '王秀英' }] };
    const view = mediationView(state, 7);
    expect(view).toMatchObject({
      version: '7',
      status: M.MediationStatus.MEDIATION_STATUS_AGREED,
      agreement: {
        form: M.AgreementForm.AGREEMENT_FORM_WRITTEN,
        totalAmount: { currencyCode: 'CNY', amountFen: '30000' },
        terms: {
          obligations: [
            {
              obligationId: 'o-1',
              status: M.PerformanceStatus.PERFORMANCE_STATUS_PENDING,
              instalments: [{ number: 1 }, { number: 2 }],
            },
          ],
        },
      },
      judicialConfirmation: {
        status: M.JudicialConfirmationStatus.JUDICIAL_CONFIRMATION_STATUS_NOT_REQUESTED,
      },
    });
    expect(view.deadlines.map((d) => d.kind)).toContain(
      M.DeadlineKind.DEADLINE_KIND_PERFORMANCE_DUE,
    );
    expect(JSON.stringify(view)).not.toContain('王秀英');
  });
});

describe('the parties’ online acts', () => {
  const signed = () => {
    const state = proposed();
    const p = state.agreementProposal!;
    return signAgreement(
      state,
      {
        partyId: 'p-a',
        proposalId: p.proposalId,
        contentHash: p.contentHash,
        proofId: 'proof-1',
        mobile: '13812345678',
      },
      partyCtx('p-a', new Date(T0.getTime() + 60_000)),
    );
  };

  it('shows the proposal with its signatures, the mobile masked, and the sessions’ answers', () => {
    const { state } = signed();
    const sessionId = scheduled().sessions[0]!.sessionId;
    const answered = respondToSession(
      scheduled(),
      { partyId: 'p-b', sessionId, answer: 'ASKS_TO_MOVE', note: '下周' },
      partyCtx('p-b'),
    ).state;
    const view = mediationView(
      {
        ...state,
        sessions: answered.sessions,
        signatureMobiles: [{ partyId: 'p-a', mobile: '13812345678' }],
      } as never,
      3,
    );
    const p = state.agreementProposal!;
    expect(view.agreementProposal).toMatchObject({
      proposalId: p.proposalId,
      contentHash: p.contentHash,
      partyIds: ['p-a', 'p-b'],
      proposedBy: { subject: 'u-1' },
      terms: {
        obligations: [{ instalments: [{ number: 1 }, { number: 2 }] }],
      },
      signatures: [
        {
          partyId: 'p-a',
          method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
          mobileMasked: '138****5678',
          contentHash: p.contentHash,
          proofId: 'proof-1',
        },
      ],
    });
    expect(view.sessions[0]!.responses).toMatchObject([
      {
        partyId: 'p-b',
        answer: M.SessionAnswer.SESSION_ANSWER_ASKS_TO_MOVE,
        note: '下周',
        method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
      },
    ]);
    expect(JSON.stringify(view)).not.toContain('13812345678');
    // Round trip through the wire form, as GetMediation sends it.
    expect(M.Mediation.decode(M.Mediation.encode(view).finish()).agreementProposal).toEqual(
      view.agreementProposal,
    );
  });

  it('publishes the signature and the answer with their enums, and no mobile', () => {
    const { state, events } = signed();
    const e = toNewEvent(events[0]!, state, partyCtx('p-a').actor, 't', T0);
    const payload = decodePayload('mediation.mediation.v1.AgreementSigned', e.payload);
    expect(payload).toMatchObject({
      partyId: 'p-a',
      method: M.ConsentMethod.CONSENT_METHOD_ONLINE,
      awaitingPartyIds: ['p-b'],
      context: { actor: { subject: 'party:p-a', role: 8 } },
    });
    expect(Buffer.from(e.payload).toString('latin1')).not.toContain('13812345678');
    const sessionId = scheduled().sessions[0]!.sessionId;
    const answered = respondToSession(
      scheduled(),
      { partyId: 'p-b', sessionId, answer: 'WILL_ATTEND', note: '' },
      partyCtx('p-b'),
    );
    const a = decodePayload(
      'mediation.mediation.v1.SessionResponseRecorded',
      toNewEvent(answered.events[0]!, answered.state, actor, 't', T0).payload,
    );
    expect(a).toMatchObject({
      sessionId,
      partyId: 'p-b',
      answer: M.SessionAnswer.SESSION_ANSWER_WILL_ATTEND,
    });
  });
});
