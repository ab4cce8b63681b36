import {
  ALL_EVENT_TYPES,
  encodePayload,
  intakeV1,
  mediationV1,
  UnknownEventTypeError,
  type EventPayload,
  type EventType,
} from '@mediation/contracts';
import { NonRetriableError, type BusEvent } from '@mediation/event-bus';
import { InvalidInputError } from '@mediation/domain-kit';
import { CaseEventRouter, ROUTED_EVENT_TYPES } from './case-event.router';

function busEvent<T extends EventType>(type: T, payload: EventPayload<T>): BusEvent {
  return {
    eventId: 'e1',
    eventType: type,
    source: '/mediation',
    occurredAt: new Date(),
    aggregateType: 'mediation.mediation',
    aggregateId: 'case-1',
    sequence: 1,
    orgUnitCode: '',
    caseId: 'case-1',
    correlationId: 'corr',
    causationId: '',
    payload: encodePayload(type, payload),
  };
}

function router(overrides: { failOutbound?: Error } = {}) {
  const calls: string[] = [];
  const results: { result: string }[] = [];
  const r = new CaseEventRouter(
    {
      set: async () => void calls.push('facts.set'),
      countSession: async () => void calls.push('facts.session'),
      addDocument: async () => void calls.push('facts.document'),
    } as never,
    {
      openAfterFailedMediation: async () => {
        calls.push('outbound');
        if (overrides.failOutbound) throw overrides.failOutbound;
        return null;
      },
      reportResult: async (_caseId: string, report: { result: string }) => {
        results.push(report);
        return 1;
      },
      raiseRiskAlert: async () => void calls.push('risk'),
    } as never,
  );
  return { r, calls, results };
}

describe('CaseEventRouter', () => {
  it('opens outbound referrals and reports entrustments on a failed mediation', async () => {
    const { r, calls, results } = router();
    await r.handle(
      busEvent(
        'mediation.mediation.v1.MediationFailed',
        mediationV1.MediationFailed.fromPartial({}),
      ),
    );
    expect(calls).toEqual(['outbound']);
    expect(results.map((x) => x.result)).toEqual(['MEDIATION_FAILED']);
  });

  it('maps agreements, rejections, stopping refusals and closures to entrustment results', async () => {
    const { r, results } = router();
    await r.handle(
      busEvent(
        'mediation.mediation.v1.AgreementReached',
        mediationV1.AgreementReached.fromPartial({}),
      ),
    );
    await r.handle(
      busEvent(
        'mediation.mediation.v1.MediationRejected',
        mediationV1.MediationRejected.fromPartial({}),
      ),
    );
    await r.handle(
      busEvent(
        'mediation.mediation.v1.RefusalRecorded',
        mediationV1.RefusalRecorded.fromPartial({ stopsMediation: false }),
      ),
    );
    await r.handle(
      busEvent(
        'mediation.mediation.v1.RefusalRecorded',
        mediationV1.RefusalRecorded.fromPartial({ stopsMediation: true }),
      ),
    );
    await r.handle(
      busEvent(
        'mediation.mediation.v1.MediationClosed',
        mediationV1.MediationClosed.fromPartial({
          outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN,
        }),
      ),
    );
    expect(results.map((x) => x.result)).toEqual([
      'AGREEMENT_REACHED',
      'REJECTED',
      'MEDIATION_FAILED',
      'WITHDRAWN',
    ]);
  });

  it('learns case facts and checks risk from intake', async () => {
    const { r, calls } = router();
    await r.handle(
      busEvent('mediation.intake.v1.CaseOpened', intakeV1.CaseOpened.fromPartial({ facts: {} })),
    );
    await r.handle(
      busEvent('mediation.intake.v1.DocumentAttached', intakeV1.DocumentAttached.fromPartial({})),
    );
    await r.handle(
      busEvent(
        'mediation.mediation.v1.SessionRecorded',
        mediationV1.SessionRecorded.fromPartial({}),
      ),
    );
    expect(calls).toEqual(['facts.set', 'risk', 'facts.document', 'facts.session']);
  });

  it('skips unknown types and dead-letters broken referral rules', async () => {
    const { r } = router({ failOutbound: new InvalidInputError('desk_code', 'unknown desk') });
    await expect(
      r.handle({
        ...busEvent(
          'mediation.mediation.v1.MediationFailed',
          mediationV1.MediationFailed.fromPartial({}),
        ),
        eventType: 'mediation.mediation.v1.Future',
      }),
    ).rejects.toBeInstanceOf(UnknownEventTypeError);
    await expect(
      r.handle(
        busEvent(
          'mediation.mediation.v1.MediationFailed',
          mediationV1.MediationFailed.fromPartial({}),
        ),
      ),
    ).rejects.toBeInstanceOf(NonRetriableError);
  });

  // The consumer skips every type outside ROUTED_EVENT_TYPES without calling the router: no other
  // type may lead to anything here (a case added to the switch must be added to the set).
  it.each(ALL_EVENT_TYPES.filter((d) => !ROUTED_EVENT_TYPES.has(d.type)).map((d) => [d.type]))(
    '%s leads to nothing',
    async (type) => {
      const { r, calls, results } = router();
      const definition = ALL_EVENT_TYPES.find((d) => d.type === type)!;
      await r.handle(busEvent(type, definition.create() as never));
      expect(calls).toEqual([]);
      expect(results).toEqual([]);
    },
  );

  it('routes types of the registry only', () => {
    for (const type of ROUTED_EVENT_TYPES)
      expect(ALL_EVENT_TYPES.some((d) => d.type === type)).toBe(true);
  });
});
