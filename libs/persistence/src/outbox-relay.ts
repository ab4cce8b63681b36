import type { BusEvent, EventPublisher, OutgoingEvent } from '@mediation/event-bus';
import { createLogger, type Logger } from '@mediation/telemetry';
import type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';
import { persistenceMetrics } from './metrics';
import { PollingWorker } from './polling-worker';
import {
  describePublishError,
  isRefusedByBroker,
  UnpublishableEventError,
} from './publish-refusal';

/**
 * A document this relay publishes: claimed by a sweep under a lease until `leaseUntil`, or read
 * without one after this instance's own command kicked it (`leaseUntil` null; see readKicked).
 */
interface Claimed {
  doc: AggregateFields;
  leaseUntil: Date | null;
}

/** An event the broker refused, or that could not be turned into a message. */
interface Refused {
  entry: OutboxEntry;
  error: unknown;
}

/** A claimed document's events in order; `outgoing` stops before a refused one. */
interface Plan {
  doc: AggregateFields;
  entries: OutboxEntry[];
  outgoing: OutgoingEvent[];
  refused?: Refused;
}

export interface OutboxRelayOptions {
  /** Written into every envelope: the aggregate kind and the producing service ("/intake"). */
  aggregateType: string;
  source: string;
  /** How often the relay wakes up by itself. */
  pollIntervalMs?: number;
  /**
   * How often a wake-up also scans the collection for pending events it was not told about (left
   * by a crash, another instance, or a failed pass; default 30 s). Kicked documents are fetched by
   * id instead. The scan cannot use the index on FerretDB and reads every document there (seconds
   * for a few thousand mediations), so it must stay rare.
   */
  sweepIntervalMs?: number;
  /** Kicks within this window share one pass (fewer round trips under load). */
  kickDelayMs?: number;
  batchSize?: number;
  /** How long one relay instance owns a document while publishing it. */
  leaseMs?: number;
  /**
   * Longest pause after failures (the broker is down): the poll backs off up to this, so events
   * go out at most this long (plus one publish attempt) after the broker is back. Default 2 s.
   */
  maxBackoffMs?: number;
  /**
   * A document whose event the broker refused is retried by itself after this long (default
   * 5 min), so a refusal that passes (a topic missing for a moment after a broker restart, an ACL
   * fixed) heals without an operator; one that persists is set aside again and keeps its alert.
   */
  setAsideRetryMs?: number;
  logger?: Logger;
}

/**
 * Publishes the events waiting in aggregate documents, oldest sequence first, and removes them
 * once Kafka has acknowledged them. Several relay instances may run (one per pod): the sweep for
 * documents nobody kicked takes a short lease, which keeps them off each other's documents; a
 * document this instance's command just wrote is published without one. If the broker is down
 * the events simply wait; a crash between publish and removal publishes again, which consumers
 * recognise by sequence number.
 */
export class OutboxRelay {
  private readonly worker: PollingWorker;
  private readonly log: Logger;
  private lastSweep = 0;
  /** Aggregates a command just wrote events to, published by id at the next pass. */
  private readonly hinted = new Set<string>();

  constructor(
    private readonly model: AggregateModel,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    this.log = options.logger ?? createLogger(`outbox-relay:${options.aggregateType}`);
    this.worker = new PollingWorker((context) => this.pass(context.failures), {
      ...relayPollSchedule(options),
      kickDelayMs: options.kickDelayMs,
      failureMessage: 'outbox relay pass failed; events stay pending',
      log: this.log,
    });
  }

  start(): void {
    this.worker.start();
  }

  /** Waits for a pass in flight. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /**
   * Asks for a pass soon (after a command recorded events) instead of at the next poll; with the
   * aggregate's id, that document is published without a scan.
   */
  kick(aggregateId?: string): void {
    if (aggregateId) this.hinted.add(aggregateId);
    this.worker.kick();
  }

  /** Publishes everything pending now; returns how many events went out. */
  async drainOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 50;
    let published = 0;
    for (;;) {
      const now = new Date();
      const candidates = await this.model.collection
        .find({ outboxPending: { $gt: 0 }, ...this.publishable(now) }, { projection: { _id: 1 } })
        .limit(batchSize)
        .toArray();
      if (candidates.length === 0) return published;
      const ids = candidates.map(({ _id }) => String(_id));
      published += await this.relayDocuments(await this.claimAll(ids));
      if (candidates.length < batchSize) return published;
    }
  }

  /**
   * Publishes all the claimed documents' pending events in one batch (per document in
   * sequence order), then removes what was sent. An event the broker refuses (see
   * isRefusedByBroker) is set aside with its error and the rest goes out without it; a broker that
   * is away fails the whole pass, and the leases are given back so that the next pass (at most
   * `maxBackoffMs` later) can take the documents again. Returns how many events went out.
   */
  private async relayDocuments(claimed: Claimed[]): Promise<number> {
    if (claimed.length === 0) return 0;
    const plans = claimed.map(({ doc }) => this.plan(doc));
    try {
      await this.publisher.publish(plans.flatMap((p) => p.outgoing));
    } catch (error) {
      if (!isRefusedByBroker(error)) {
        await this.releaseLeases(claimed);
        throw error;
      }
      return this.publishOneByOne(plans, claimed);
    }
    for (const plan of plans) await this.finish(plan, plan.outgoing.length, plan.refused);
    return plans.reduce((n, p) => n + p.outgoing.length, 0);
  }

  /**
   * A batch was refused: each document on its own, and within a refused document event by event,
   * so that only the refused event (and the events of its aggregate behind it) stay back.
   */
  private async publishOneByOne(plans: Plan[], claimed: Claimed[]): Promise<number> {
    let published = 0;
    for (const [i, plan] of plans.entries()) {
      let sent = 0;
      let refused = plan.refused;
      try {
        await this.publisher.publish(plan.outgoing);
        sent = plan.outgoing.length;
      } catch (error) {
        if (!isRefusedByBroker(error)) throw await this.giveBack(claimed.slice(i), error);
        for (; sent < plan.outgoing.length; sent++) {
          try {
            await this.publisher.publish([plan.outgoing[sent]]);
          } catch (single) {
            if (!isRefusedByBroker(single)) {
              await this.finish(plan, sent, undefined);
              throw await this.giveBack(claimed.slice(i + 1), single);
            }
            refused = { entry: plan.entries[sent], error: single };
            break;
          }
        }
      }
      await this.finish(plan, sent, refused);
      published += sent;
    }
    return published;
  }

  private async giveBack(claimed: Claimed[], error: unknown): Promise<unknown> {
    await this.releaseLeases(claimed);
    return error;
  }

  /** The document's events in order, as messages up to the first one that cannot be encoded. */
  private plan(doc: AggregateFields): Plan {
    const entries = [...doc.outbox].sort((a, b) => a.sequence - b.sequence);
    const outgoing: OutgoingEvent[] = [];
    for (const entry of entries) {
      try {
        outgoing.push(this.toOutgoing(doc._id, entry));
      } catch (error) {
        return { doc, entries, outgoing, refused: { entry, error } };
      }
    }
    return { doc, entries, outgoing };
  }

  /** Removes the first `sent` events, and sets the refused one aside (which frees the lease). */
  private async finish(plan: Plan, sent: number, refused: Refused | undefined): Promise<void> {
    const sentSequence = sent > 0 ? plan.entries[sent - 1].sequence : 0;
    if (refused) this.noteSetAside(plan.doc._id, refused);
    await this.removeSent(plan.doc, sentSequence, refused);
  }

  private noteSetAside(aggregateId: string, { entry, error }: Refused): void {
    persistenceMetrics.eventSetAside(this.options.aggregateType, entry.topic);
    this.log.error(
      {
        aggregateId,
        eventId: entry.eventId,
        eventType: entry.eventType,
        sequence: entry.sequence,
        topic: entry.topic,
        err: error,
      },
      'outbox event set aside: the broker refused it; later events of this aggregate wait until it is retried',
    );
  }

  /** Gives back the leases this relay still holds (not one another relay took after expiry). */
  private async releaseLeases(claimed: Claimed[]): Promise<void> {
    for (const { doc, leaseUntil } of claimed) {
      if (!leaseUntil) continue;
      await this.model.collection
        .updateOne(
          { _id: doc._id as never, relayLeaseUntil: leaseUntil },
          { $set: { relayLeaseUntil: null } },
        )
        .catch(() => undefined); // the store is away too: the lease runs out by itself
    }
  }

  /** Not leased by another relay, and not set aside (or set aside long enough to try again). */
  private publishable(now: Date) {
    const retryBefore = new Date(now.getTime() - (this.options.setAsideRetryMs ?? 5 * 60_000));
    return {
      $and: [
        { $or: [{ outboxSetAsideAt: null }, { outboxSetAsideAt: { $lt: retryBefore } }] },
        { $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: now } }] },
      ],
    };
  }

  private async claimAll(ids: string[]): Promise<Claimed[]> {
    const claimed: Claimed[] = [];
    for (const id of ids) {
      const doc = await this.claim(id);
      if (doc) claimed.push(doc);
    }
    return claimed;
  }

  /**
   * The documents this instance's commands just wrote, in one look-up and without a lease. A
   * lease would be one more write of each whole document per command (on FerretDB a rewrite of
   * its row and every index on it: as much store work as the command's own insert), and all it
   * prevents here, another instance's sweep publishing the same events at the same moment, costs
   * only duplicates that consumers drop by sequence. Documents a sweep holds, and those set
   * aside, are left alone.
   */
  private async readKicked(ids: string[]): Promise<Claimed[]> {
    const docs = (await this.model.collection
      .find(
        {
          _id: { $in: ids as never[] },
          outboxPending: { $gt: 0 },
          ...this.publishable(new Date()),
        },
        // What publishing and the removal read; the rest of a case is most of its size.
        { projection: { outbox: 1, lastSequence: 1 } },
      )
      .toArray()) as unknown as AggregateFields[];
    return docs.filter((doc) => doc.outbox.length > 0).map((doc) => ({ doc, leaseUntil: null }));
  }

  private async claim(id: string): Promise<Claimed | null> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 30_000));
    const claimed = (await this.model.collection.findOneAndUpdate(
      {
        _id: id as never,
        outboxPending: { $gt: 0 },
        ...this.publishable(now),
      },
      { $set: { relayLeaseUntil: leaseUntil } },
      { returnDocument: 'after' },
    )) as unknown as AggregateFields | null;
    return claimed && claimed.outbox.length > 0 ? { doc: claimed, leaseUntil } : null;
  }

  /**
   * Removes the entries up to `sentSequence` (and marks the refused one, if any, and the document
   * as set aside). FerretDB cannot $pull by condition, so the remaining list is written back,
   * guarded by `lastSequence` so that an event appended by a command in the meantime is never
   * dropped (on a clash: read again and retry). The first try uses the claimed document, so the
   * usual case costs one write.
   */
  private async removeSent(
    claimed: AggregateFields,
    sentSequence: number,
    refused?: Refused,
  ): Promise<void> {
    const setAsideAt = refused ? new Date() : undefined;
    const publishError = refused ? describePublishError(refused.error) : undefined;
    let doc: AggregateFields | null = claimed;
    while (doc) {
      const remaining = doc.outbox
        .filter((e) => e.sequence > sentSequence)
        .map((e) =>
          refused && e.eventId === refused.entry.eventId ? { ...e, publishError, setAsideAt } : e,
        );
      const result = await this.model.collection.updateOne(
        { _id: doc._id as never, lastSequence: doc.lastSequence },
        {
          $set: {
            outbox: remaining,
            outboxPending: remaining.length,
            relayLeaseUntil: null,
            outboxSetAsideAt: setAsideAt ?? null,
          },
        },
      );
      if (result.matchedCount === 1) return;
      doc = (await this.model.collection.findOne({
        _id: doc._id as never,
      })) as unknown as AggregateFields | null;
    }
  }

  private toOutgoing(aggregateId: string, e: OutboxEntry): OutgoingEvent {
    return {
      topic: e.topic,
      traceparent: e.traceparent,
      tracestate: e.tracestate,
      event: busEventOf(aggregateId, e, this.options),
    };
  }

  /**
   * Publishes the kicked documents by id; after a failed pass, and every `sweepIntervalMs`, also
   * sweeps for pending events nobody kicked for. Throws when Kafka or the database fails: the
   * worker logs it, backs off, and the kicked ids stay for the next pass.
   */
  private async pass(failures: number): Promise<void> {
    const ids = [...this.hinted];
    this.hinted.clear();
    try {
      const size = this.options.batchSize ?? 50;
      for (let i = 0; i < ids.length; i += size)
        await this.relayDocuments(await this.readKicked(ids.slice(i, i + size)));
    } catch (error) {
      ids.forEach((id) => this.hinted.add(id));
      throw error;
    }
    if (failures > 0 || Date.now() - this.lastSweep >= (this.options.sweepIntervalMs ?? 30_000)) {
      this.lastSweep = Date.now();
      await this.drainOnce();
    }
  }
}

/**
 * The relay's poll: every 250 ms, and after failed passes (the broker is away) a back-off from
 * 500 ms doubling up to 2 s, so that a broker that comes back is used within seconds.
 */
export function relayPollSchedule(
  options: Pick<OutboxRelayOptions, 'pollIntervalMs' | 'maxBackoffMs'>,
): { intervalMs: number; maxBackoffMs: number } {
  return { intervalMs: options.pollIntervalMs ?? 250, maxBackoffMs: options.maxBackoffMs ?? 2_000 };
}

/** The event an outbox entry is published as (and which consumers receive). */
export function busEventOf(
  aggregateId: string,
  e: OutboxEntry,
  producer: Pick<OutboxRelayOptions, 'source' | 'aggregateType'>,
): BusEvent {
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    source: producer.source,
    occurredAt: new Date(e.occurredAt),
    aggregateType: producer.aggregateType,
    aggregateId,
    sequence: e.sequence,
    orgUnitCode: e.orgUnitCode ?? '',
    caseId: e.caseId ?? '',
    correlationId: e.correlationId ?? '',
    causationId: e.causationId ?? '',
    payload: toBytes(e.payload),
    backfilled: e.backfilled === true,
  };
}

/** The driver hands back BSON Binary for Buffer fields. */
function toBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  const binary = payload as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (binary.buffer instanceof Uint8Array) return binary.buffer;
  throw new UnpublishableEventError('outbox payload is not binary');
}
