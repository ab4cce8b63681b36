import {
  getEventType,
  type DecodedEvent,
  type EventPayload,
  type EventType,
  type PartialMessage,
} from '@mediation/contracts';
import { expandContributions } from '../domain/rollup-keys';
import type { Contribution } from '../domain/contribution';
import { projectMediation, type MediationState } from './mediation.projector';

function ev<T extends EventType>(type: T, payload: PartialMessage<EventPayload<T>>): DecodedEvent {
  return {
    type,
    envelope: {} as never,
    payload: getEventType(type).create(payload as never),
  } as DecodedEvent;
}

const committee = (level: number, orgUnitCode = 'u') => ({ code: 'c', orgUnitCode, level });

// A small hierarchy: point p1 < community c1 < street s1 < district d1 < city; street s2 < d2.
const PARENT: Record<string, string> = {
  p1: 'c1',
  c1: 's1',
  s1: 'd1',
  d1: 'city',
  s2: 'd2',
  d2: 'city',
};
const chainOf = (code: string) => {
  const chain = [code];
  while (PARENT[chain[chain.length - 1]]) chain.push(PARENT[chain[chain.length - 1]]);
  return chain;
};
const noChain = (code: string) => [code];

const HL = { POINT: 5, COMMUNITY: 4, STREET: 3, DISTRICT: 2, CITY: 1 } as const;

/** Plays events on one mediation, keeping every contribution. */
function play(steps: Array<[EventType, object]>) {
  let state: MediationState | undefined;
  const contributions: Contribution[] = [];
  for (const [type, payload] of steps) {
    const projected = projectMediation(ev(type, payload), state, 0, '', chainOf);
    if (!projected) throw new Error(`${type} not projected`);
    state = projected.state;
    contributions.push(...projected.contributions);
  }
  return { state: state!, contributions };
}

/** The all-period (YEAR) document's counter `path` per unit. */
function perUnit(contributions: Contribution[], path: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const inc of expandContributions(contributions, chainOf))
    if (inc.granularity === 'YEAR' && inc.inc[path])
      out[inc.orgUnitCode] = (out[inc.orgUnitCode] ?? 0) + inc.inc[path];
  return out;
}

const createdAtPoint: [EventType, object] = [
  'mediation.mediation.v1.MediationCreated',
  { context: { committee: committee(HL.POINT, 'p1') }, orgUnit: { code: 'p1', level: 5 } },
];
const escalate = (
  from: number,
  fromUnit: string,
  to: number,
  toUnit: string,
): [EventType, object] => [
  'mediation.mediation.v1.MediationEscalated',
  { fromCommittee: committee(from, fromUnit), toCommittee: committee(to, toUnit) },
];
const accepted: [EventType, object] = ['mediation.mediation.v1.MediationAccepted', {}];
/** Opened at p1 and accepted there, then escalated and accepted at c1 and s1. */
const acceptedUpToStreet: Array<[EventType, object]> = [
  createdAtPoint,
  accepted,
  escalate(HL.POINT, 'p1', HL.COMMUNITY, 'c1'),
  accepted,
  escalate(HL.COMMUNITY, 'c1', HL.STREET, 's1'),
  accepted,
];

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
    noChain,
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
      noChain,
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
      noChain,
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
      noChain,
    );
    expect(closed?.contributions.map((c) => c.counters.backlog ?? 0)).toEqual([0]);
  });

  it('cannot attribute events of a mediation it never saw created', () => {
    expect(
      projectMediation(
        ev('mediation.mediation.v1.MediationAccepted', {}),
        undefined,
        0,
        '',
        noChain,
      ),
    ).toBeUndefined();
  });

  it('counts a dispute accepted at five levels once as accepted, at its point and every ancestor', () => {
    const { contributions } = play([
      ...acceptedUpToStreet,
      escalate(HL.STREET, 's1', HL.DISTRICT, 'd1'),
      accepted,
      escalate(HL.DISTRICT, 'd1', HL.CITY, 'city'),
      accepted,
    ]);
    const everyUnit = (n: number) => ({ p1: n, c1: n, s1: n, d1: n, city: n });
    expect(perUnit(contributions, 't.accepted')).toEqual(everyUnit(1));
    // Each acceptance stays visible as its own figure, by the level that accepted.
    expect(perUnit(contributions, 't.acceptances')).toEqual(everyUnit(5));
    for (const level of ['REASONING_POINT', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY'])
      expect(perUnit(contributions, `d.handlingLevel.HANDLING_LEVEL_${level}.acceptances`)).toEqual(
        everyUnit(1),
      );
    expect(
      perUnit(contributions, 'd.handlingLevel.HANDLING_LEVEL_REASONING_POINT.accepted'),
    ).toEqual(everyUnit(1));
  });

  it('counts escalations once per unit, also after the dispute moves to another district', () => {
    const { contributions } = play([
      ...acceptedUpToStreet,
      [
        'mediation.mediation.v1.MediationTransferred',
        { fromCommittee: committee(HL.STREET, 's1'), toCommittee: committee(HL.STREET, 's2') },
      ],
      accepted,
      escalate(HL.STREET, 's2', HL.DISTRICT, 'd2'),
      accepted,
    ]);
    // Out of p1, then c1, then s2: every unit on those chains once, the city once.
    expect(perUnit(contributions, 't.escOut')).toEqual({
      p1: 1,
      c1: 1,
      s1: 1,
      d1: 1,
      s2: 1,
      d2: 1,
      city: 1,
    });
    // Into c1, s1 and d2: the city counted the dispute with c1 already.
    expect(perUnit(contributions, 't.escIn')).toEqual({ c1: 1, s1: 1, d1: 1, d2: 1, city: 1 });
    expect(perUnit(contributions, 't.accepted')).toEqual({ p1: 1, c1: 1, s1: 1, d1: 1, city: 1 });
    expect(perUnit(contributions, 't.acceptances')).toEqual({
      p1: 5,
      c1: 5,
      s1: 5,
      d1: 5,
      city: 5,
    });
  });

  it('counts agreements, failures, rejections and closures once per dispute across reopenings', () => {
    const closed: [EventType, object] = [
      'mediation.mediation.v1.MediationClosed',
      { outcome: 1 }, // AGREEMENT_PERFORMED
    ];
    const reopened: [EventType, object] = ['mediation.mediation.v1.MediationReopened', {}];
    const { contributions } = play([
      createdAtPoint,
      accepted,
      ['mediation.mediation.v1.AgreementReached', { form: 1 }],
      closed,
      reopened,
      ['mediation.mediation.v1.AgreementReached', { form: 2 }],
      closed,
      reopened,
      escalate(HL.POINT, 'p1', HL.COMMUNITY, 'c1'),
      ['mediation.mediation.v1.MediationRejected', { reason: 1 }],
      closed,
      reopened,
      ['mediation.mediation.v1.MediationFailed', { reason: 3 }],
      closed,
      reopened,
      ['mediation.mediation.v1.MediationFailed', { reason: 3 }],
      closed,
    ]);
    const once = { p1: 1, c1: 1, s1: 1, d1: 1, city: 1 };
    expect(perUnit(contributions, 't.agreeW')).toEqual(once);
    expect(perUnit(contributions, 't.agreeO')).toEqual({});
    expect(perUnit(contributions, 't.ttaN')).toEqual(once);
    expect(perUnit(contributions, 't.closed')).toEqual(once);
    expect(perUnit(contributions, 't.rejected')).toEqual(once);
    expect(perUnit(contributions, 't.failed')).toEqual(once);
    // The open backlog still follows every settlement and reopening.
    expect(perUnit(contributions, 't.backlog')).toEqual({});
  });
});

describe('acts of the parties online', () => {
  const ONLINE = 4;
  const atCommunity = { committee: committee(HL.COMMUNITY, 'c1') };

  it('counts consents, refusals and signatures given online at the handler, others not', () => {
    const { contributions } = play([
      createdAtPoint,
      ['mediation.mediation.v1.ConsentRecorded', { context: atCommunity, method: ONLINE }],
      ['mediation.mediation.v1.ConsentRecorded', { context: atCommunity, method: 2 }],
      ['mediation.mediation.v1.RefusalRecorded', { context: atCommunity, method: ONLINE }],
      ['mediation.mediation.v1.RefusalRecorded', { context: atCommunity, method: 1 }],
      ['mediation.mediation.v1.AgreementProposed', { context: atCommunity, partyIds: ['a'] }],
      [
        'mediation.mediation.v1.AgreementSigned',
        { context: atCommunity, partyId: 'a', method: ONLINE },
      ],
      ['mediation.mediation.v1.AgreementSigned', { context: atCommunity, partyId: 'b' }],
      [
        'mediation.mediation.v1.SessionResponseRecorded',
        { context: atCommunity, sessionId: 's', partyId: 'a', answer: 1 },
      ],
    ]);
    const atC1 = { c1: 1, s1: 1, d1: 1, city: 1 };
    expect(perUnit(contributions, 't.onConsent')).toEqual(atC1);
    expect(perUnit(contributions, 't.onRefusal')).toEqual(atC1);
    expect(perUnit(contributions, 't.onSign')).toEqual(atC1);
  });

  it('keeps the parties’ app steps it does not count as known events (no dead letter)', () => {
    const { state } = play([createdAtPoint]);
    for (const type of [
      'mediation.mediation.v1.AgreementProposed',
      'mediation.mediation.v1.SessionResponseRecorded',
    ] as const)
      expect(projectMediation(ev(type, {}), state, 1, '', chainOf)).toEqual({
        state,
        contributions: [],
      });
  });
});
