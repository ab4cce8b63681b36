import {
  getEventType,
  type DecodedEvent,
  type EventPayload,
  type EventType,
  type PartialMessage,
} from '@mediation/contracts';
import { projectMediation, type MediationState } from './mediation.projector';

function ev<T extends EventType>(type: T, payload: PartialMessage<EventPayload<T>>): DecodedEvent {
  return {
    type,
    envelope: {} as never,
    payload: getEventType(type).create(payload as never),
  } as DecodedEvent;
}

const committee = (level: number) => ({ code: 'c', orgUnitCode: 'u', level });

describe('projectMediation', () => {
  const created = projectMediation(
    ev('mediation.mediation.v1.MediationCreated', {
      context: { committee: committee(5) },
      orgUnit: { code: 'p1', level: 5 },
      category: 2,
    }),
    undefined,
    0,
    '',
  );
  const state = created?.state as MediationState;

  it('opens the backlog and the flow for a dispute surfacing at a point', () => {
    expect(state).toMatchObject({
      orgUnitCode: 'p1',
      level: 'HANDLING_LEVEL_REASONING_POINT',
      surfacedAtPoint: true,
    });
    expect(created?.contributions[0].counters).toEqual({ backlog: 1, fSurf: 1 });
  });

  it('settles once: agreement after escalation lands at the new level', () => {
    const escalated = projectMediation(
      ev('mediation.mediation.v1.MediationEscalated', {
        fromCommittee: committee(5),
        toCommittee: committee(4),
      }),
      state,
      1,
      '',
    );
    expect(escalated?.contributions.map((c) => c.counters)).toEqual([
      { escOut: 1 },
      { escIn: 1 },
      { fE_REASONING_POINT__COMMUNITY: 1 },
    ]);
    const agreed = projectMediation(
      ev('mediation.mediation.v1.AgreementReached', { form: 2 }),
      escalated?.state,
      2 * 86_400_000,
      '',
    );
    const counters = Object.assign({}, ...(agreed?.contributions.map((c) => c.counters) ?? []));
    expect(counters).toMatchObject({
      agreeO: 1,
      ttaMin: 2880,
      ttaN: 1,
      backlog: -1,
      fD_COMMUNITY: 1,
    });
    const closed = projectMediation(
      ev('mediation.mediation.v1.MediationClosed', { outcome: 1 }),
      agreed?.state,
      3,
      '',
    );
    expect(closed?.contributions.map((c) => c.counters.backlog ?? 0)).toEqual([0]);
  });

  it('cannot attribute events of a mediation it never saw created', () => {
    expect(
      projectMediation(ev('mediation.mediation.v1.MediationAccepted', {}), undefined, 0, ''),
    ).toBeUndefined();
  });
});
