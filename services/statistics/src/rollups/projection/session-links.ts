import { C } from '../domain/counters';
import type { Contribution } from '../domain/contribution';
import {
  partyField,
  type SessionLinkDocument,
  type SessionLinkStore,
  type SessionLinkUpdate,
} from '../persistence/session-link.store';
import type { SessionFact } from './session-facts';

/** A session fact and the event it came from ("<aggregate key>@<sequence>", stable on replay). */
export interface ClaimedFact {
  fact: SessionFact;
  claimant: string;
}

/** Whether the party was reminded of the session before it, and how it went; else undefined. */
function remindedOutcome(doc: SessionLinkDocument | undefined, party: string) {
  const attended = doc?.o?.[party];
  const sentAt = doc?.r?.[party];
  if (attended === undefined || sentAt === undefined || doc?.h === undefined) return undefined;
  return sentAt <= doc.h ? attended : undefined;
}

const partiesOf = (fact: SessionFact) =>
  fact.kind === 'held' ? Object.keys(fact.parties) : [fact.partyId];

/**
 * The join of SessionRecorded (attended / no-show per party) with NoticeSent (session reminders),
 * which arrive on different topics in either order. SessionRecorded counts every party's
 * attendance or no-show itself; once a party's outcome and a reminder sent before the session are
 * both stored, the event that completed the pair moves that party into the reminded figures (+1
 * remindedAttendances or remindedNoShows, at the session's unit, keys and date).
 *
 * Exactly once: the move is claimed in the session's document by a conditional write naming the
 * claiming event, so of two events that both see the pair complete only one moves it, and the same
 * event redelivered after a crash (its state not advanced) finds its own claim and computes the
 * same increment again, which the rollups' offset guards then take or skip.
 */
export async function joinSessions(
  store: SessionLinkStore,
  facts: readonly ClaimedFact[],
): Promise<Contribution[][]> {
  if (facts.length === 0) return [];
  const ids = [...new Set(facts.map((f) => f.fact.sessionId))];
  await store.update(facts.map(({ fact }) => factWrite(fact)));
  let docs = await store.getMany(ids);
  const claims: SessionLinkUpdate[] = [];
  for (const { fact, claimant } of facts) {
    const doc = docs.get(fact.sessionId);
    for (const party of partiesOf(fact)) {
      const field = partyField(party);
      if (remindedOutcome(doc, field) === undefined || doc?.m?.[field] !== undefined) continue;
      claims.push({
        id: fact.sessionId,
        filter: { [`m.${field}`]: { $exists: false } },
        update: { $set: { [`m.${field}`]: claimant } },
      });
    }
  }
  if (claims.length > 0) {
    await store.update(claims);
    docs = await store.getMany(ids);
  }
  return facts.map(({ fact, claimant }) => {
    const doc = docs.get(fact.sessionId);
    const moved: Contribution[] = [];
    for (const party of partiesOf(fact)) {
      const field = partyField(party);
      const attended = remindedOutcome(doc, field);
      if (attended === undefined || doc?.m?.[field] !== claimant) continue;
      moved.push({
        orgUnitCode: doc.u ?? '',
        atMs: doc.at ?? 0,
        keys: doc.k ?? {},
        counters: { [attended ? C.remindedAttendances : C.remindedNoShows]: 1 },
      });
    }
    return moved;
  });
}

function factWrite(fact: SessionFact): SessionLinkUpdate {
  if (fact.kind === 'reminded')
    return {
      id: fact.sessionId,
      update: { $min: { [`r.${partyField(fact.partyId)}`]: fact.sentAtMs } },
      upsert: true,
    };
  const set: Record<string, unknown> = {
    u: fact.orgUnitCode,
    k: fact.keys,
    at: fact.atMs,
    h: fact.heldAtMs,
  };
  for (const [party, attended] of Object.entries(fact.parties))
    set[`o.${partyField(party)}`] = attended;
  return { id: fact.sessionId, update: { $set: set }, upsert: true };
}
