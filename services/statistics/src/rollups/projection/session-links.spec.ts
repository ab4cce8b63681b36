import {
  getEventType,
  type DecodedEvent,
  type EventPayload,
  type EventType,
  type PartialMessage,
} from '@mediation/contracts';
import { C } from '../domain/counters';
import type { Contribution } from '../domain/contribution';
import type {
  SessionLinkDocument,
  SessionLinkStore,
  SessionLinkUpdate,
} from '../persistence/session-link.store';
import { projectMediation, type MediationState } from './mediation.projector';
import { projectNotification } from './notification.projector';
import { joinSessions, type ClaimedFact } from './session-links';

function ev<T extends EventType>(type: T, payload: PartialMessage<EventPayload<T>>): DecodedEvent {
  return {
    type,
    envelope: {} as never,
    payload: getEventType(type).create(payload as never),
  } as DecodedEvent;
}

/** The store's updates as the server applies them ($set, $min, filters on $exists), in memory. */
class MemoryLinks {
  readonly docs = new Map<string, Record<string, unknown>>();

  async getMany(ids: string[]): Promise<Map<string, SessionLinkDocument>> {
    const out = new Map<string, SessionLinkDocument>();
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) out.set(id, structuredClone(doc) as SessionLinkDocument);
    }
    return out;
  }

  async update(ops: SessionLinkUpdate[]): Promise<void> {
    for (const op of ops) {
      let doc = this.docs.get(op.id);
      const matches = Object.entries(op.filter ?? {}).every(
        ([path, cond]) => (get(doc, path) !== undefined) === (cond as { $exists: boolean }).$exists,
      );
      if (!doc && !op.upsert) continue;
      if (doc && !matches) continue;
      if (!doc) this.docs.set(op.id, (doc = { _id: op.id }));
      const { $set = {}, $min = {} } = op.update as Record<string, Record<string, unknown>>;
      for (const [path, v] of Object.entries($set)) put(doc, path, v);
      for (const [path, v] of Object.entries($min)) {
        const old = get(doc, path) as number | undefined;
        if (old === undefined || (v as number) < old) put(doc, path, v);
      }
    }
  }
}

function get(doc: Record<string, unknown> | undefined, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
}
function put(doc: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let o = doc;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = v;
}

const DAY = 86_400_000;
const SESSION_AT = 10 * DAY;
const created = ev('mediation.mediation.v1.MediationCreated', {
  context: { committee: { code: 'c', orgUnitCode: 'p1', level: 5 } },
  orgUnit: { code: 'p1' },
  category: 1,
});
const mediation = projectMediation(created, undefined, 0, 'p1', (c) => [c])!.state;

/** SessionRecorded of s-1 held by the committee of unit `unit`: a attended, b and c did not. */
function sessionHeld(state: MediationState, unit = 'c1') {
  return projectMediation(
    ev('mediation.mediation.v1.SessionRecorded', {
      context: { committee: { code: 'c', orgUnitCode: unit, level: 4 } },
      sessionId: 's-1',
      heldAt: { seconds: String(SESSION_AT / 1000), nanos: 0 } as never,
      attendedPartyIds: ['a'],
      noShowPartyIds: ['b', 'c'],
    }),
    state,
    SESSION_AT + 3_600_000,
    'p1',
    (c) => [c],
  )!;
}

function reminder(party: string, sentAtMs: number, sessionId = 's-1') {
  return projectNotification(
    ev('mediation.notification.v1.NoticeSent', {
      deliveryId: `d-${party}-${sentAtMs}`,
      partyId: party,
      notice: 'session-tomorrow',
      reminder: true,
      sessionId,
      sentAt: { seconds: String(sentAtMs / 1000), nanos: 0 } as never,
    }),
    undefined,
    sentAtMs,
    'p1',
  )!;
}

/** Plays the facts through the join one run at a time, adding up every counter per unit. */
async function play(links: MemoryLinks, runs: ClaimedFact[][]) {
  const totals: Record<string, number> = {};
  for (const run of runs) {
    const moved = await joinSessions(links as unknown as SessionLinkStore, run);
    for (const c of moved.flat())
      for (const [k, v] of Object.entries(c.counters))
        totals[`${c.orgUnitCode}.${k}`] = (totals[`${c.orgUnitCode}.${k}`] ?? 0) + v;
  }
  return totals;
}

const held = sessionHeld(mediation);
const heldFact: ClaimedFact = { fact: held.sessionFact!, claimant: 'mediation/m-1@7' };
const remindB: ClaimedFact = {
  fact: reminder('b', SESSION_AT - DAY).sessionFact!,
  claimant: 'delivery/d-b@1',
};
const remindA: ClaimedFact = {
  fact: reminder('a', SESSION_AT - DAY).sessionFact!,
  claimant: 'delivery/d-a@1',
};

describe('sessions held and reminded parties', () => {
  it('counts the session, attendances and no-shows at the handler of the session', () => {
    const counters = (cs: Contribution[]) => cs.map((c) => [c.orgUnitCode, c.counters]);
    expect(counters(held.contributions)).toEqual([
      ['c1', { [C.sessionsHeld]: 1, [C.attendances]: 1, [C.noShows]: 2 }],
    ]);
    expect(held.sessionFact).toMatchObject({
      kind: 'held',
      sessionId: 's-1',
      parties: { a: true, b: false, c: false },
      orgUnitCode: 'c1',
      heldAtMs: SESSION_AT,
    });
  });

  it('counts a reminder sent, per kind, at the case unit', () => {
    expect(reminder('a', 5).contributions).toEqual([
      {
        orgUnitCode: 'p1',
        atMs: 5,
        keys: {},
        counters: { [C.remindersSent]: 1, 'remSent_session-tomorrow': 1 },
      },
    ]);
    const notice = projectNotification(
      ev('mediation.notification.v1.NoticeSent', { deliveryId: 'd', reminder: false }),
      undefined,
      5,
      'p1',
    )!;
    expect(notice.contributions).toEqual([]);
    expect(notice.sessionFact).toBeUndefined();
  });

  const expected = { [`c1.${C.remindedAttendances}`]: 1, [`c1.${C.remindedNoShows}`]: 1 };

  it('moves a reminded party once, whether the reminder comes before or after the record', async () => {
    expect(await play(new MemoryLinks(), [[remindA], [remindB], [heldFact]])).toEqual(expected);
    expect(await play(new MemoryLinks(), [[heldFact], [remindA], [remindB]])).toEqual(expected);
    expect(await play(new MemoryLinks(), [[remindB], [heldFact], [remindA]])).toEqual(expected);
    // All in one run.
    expect(await play(new MemoryLinks(), [[remindB, heldFact, remindA]])).toEqual(expected);
  });

  it('moves nothing more when the events are replayed into the same links', async () => {
    const links = new MemoryLinks();
    expect(await play(links, [[remindA], [heldFact], [remindB]])).toEqual(expected);
    // A redelivery (states not advanced) recomputes the claiming events' own moves, nothing else.
    const again = await joinSessions(links as unknown as SessionLinkStore, [
      remindA,
      heldFact,
      remindB,
    ]);
    expect(again.map((m) => m.map((c) => c.counters))).toEqual([
      [],
      [{ [C.remindedAttendances]: 1 }],
      [{ [C.remindedNoShows]: 1 }],
    ]);
    // A second reminder of an already reminded party moves nothing.
    const second: ClaimedFact = {
      fact: reminder('b', SESSION_AT - 2 * DAY).sessionFact!,
      claimant: 'delivery/d-b2@1',
    };
    expect(await play(links, [[second]])).toEqual({});
  });

  it('does not count a reminder sent after the session, nor one of another session', async () => {
    const late: ClaimedFact = {
      fact: reminder('b', SESSION_AT + DAY).sessionFact!,
      claimant: 'delivery/late@1',
    };
    const other: ClaimedFact = {
      fact: reminder('c', SESSION_AT - DAY, 's-2').sessionFact!,
      claimant: 'delivery/other@1',
    };
    expect(await play(new MemoryLinks(), [[late, other], [heldFact]])).toEqual({});
    expect(await play(new MemoryLinks(), [[heldFact], [late], [other]])).toEqual({});
  });

  it('keys party ids that are not field names safely', async () => {
    const dotted: ClaimedFact = {
      fact: { ...heldFact.fact, parties: { 'x.y$z': false } } as ClaimedFact['fact'],
      claimant: 'mediation/m-2@1',
    };
    const remind: ClaimedFact = {
      fact: reminder('x.y$z', SESSION_AT - DAY).sessionFact!,
      claimant: 'delivery/x@1',
    };
    const links = new MemoryLinks();
    expect(await play(links, [[remind], [dotted]])).toEqual({ [`c1.${C.remindedNoShows}`]: 1 });
    expect(Object.keys(links.docs.get('s-1')!.o as object)).toEqual(['x%2Ey%24z']);
  });
});
