import type { Connection } from 'mongoose';
import { ShardedCollection, type ShardedCollectionOptions } from './sharded-collection';

/**
 * One document per session that statistics heard of, joining what the mediation recorded of it
 * with the reminders sent for it (docs/statistics.md, "Reminded or not"):
 * - `o.<party>`: attended (true) or did not show (false), with the unit `u`, keys `k`, counting
 *   date `at` and time held `h` of the SessionRecorded;
 * - `r.<party>`: the earliest reminder of the session sent to the party (ms);
 * - `m.<party>`: the event that moved the party into the reminded figures (claimed once).
 */
export interface SessionLinkDocument {
  _id: string;
  o?: Record<string, boolean>;
  u?: string;
  k?: Record<string, string>;
  at?: number;
  h?: number;
  r?: Record<string, number>;
  m?: Record<string, string>;
  [field: string]: unknown;
}

export type SessionLinkUpdate = {
  id: string;
  filter?: Record<string, unknown>;
  update: Record<string, unknown>;
  upsert?: boolean;
};

/** Party ids as field names: no dots or `$` in a document path. */
export const partyField = (partyId: string) =>
  partyId.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');
export const partyOfField = (field: string) => decodeURIComponent(field);

export class SessionLinkStore {
  readonly collection: ShardedCollection<SessionLinkDocument>;

  constructor(connection: Connection, name: string, options: ShardedCollectionOptions = {}) {
    // Read on the writer's connection: a claim must see the facts written just before.
    this.collection = new ShardedCollection<SessionLinkDocument>(connection, name, {
      shards: options.shards,
    });
  }

  async getMany(ids: string[]): Promise<Map<string, SessionLinkDocument>> {
    const docs = await this.collection.findByIds(ids);
    return new Map(docs.map((d) => [d._id, d]));
  }

  /**
   * Applies the updates; an upsert that met a document another writer inserted meanwhile is
   * retried (every update here is idempotent).
   */
  async update(ops: SessionLinkUpdate[]): Promise<void> {
    let pending = ops;
    for (let round = 0; pending.length > 0; round++) {
      if (round > 3) throw new Error(`session links kept colliding: ${pending[0].id}`);
      const refused = new Set(await this.collection.updateMany(pending));
      pending = pending.filter((o) => refused.has(o.id));
    }
  }
}
