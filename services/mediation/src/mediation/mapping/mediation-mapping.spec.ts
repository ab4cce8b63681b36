import { decodePayload, mediationV1 } from '@mediation/contracts';
import { closeMediation, fireDueDeadlines, recordConsent } from '../domain';
import { agreed, ctxAt, failed, inProgress, T0 } from '../domain/mediation.fixtures';
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
