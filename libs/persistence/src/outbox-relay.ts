import type { EventPublisher, OutgoingEvent } from '@mediation/event-bus';
import { createLogger, type Logger } from '@mediation/telemetry';
import type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';
import { PollingWorker } from './polling-worker';

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
  /** Longest pause after failures (the broker is down): the poll backs off up to this. */
  maxBackoffMs?: number;
  logger?: Logger;
}

/**
 * Publishes the events waiting in aggregate documents, oldest sequence first, and removes them
 * once Kafka has acknowledged them. Several relay instances may run (one per pod): a short lease
 * keeps them off each other's documents. If the broker is down the events simply wait; a crash
 * between publish and removal publishes again, which consumers recognise by sequence number.
 */
export class OutboxRelay {
  private readonly worker: PollingWorker;
  private lastSweep = 0;
  /** Aggregates a command just wrote events to, published by id at the next pass. */
  private readonly hinted = new Set<string>();

  constructor(
    private readonly model: AggregateModel,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    this.worker = new PollingWorker((context) => this.pass(context.failures), {
      intervalMs: options.pollIntervalMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
      kickDelayMs: options.kickDelayMs,
      failureMessage: 'outbox relay pass failed; events stay pending',
      log: options.logger ?? createLogger(`outbox-relay:${options.aggregateType}`),
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
        .find(
          {
            outboxPending: { $gt: 0 },
            $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: now } }],
          },
          { projection: { _id: 1 } },
        )
        .limit(batchSize)
        .toArray();
      if (candidates.length === 0) return published;
      published += await this.relayDocuments(candidates.map(({ _id }) => String(_id)));
      if (candidates.length < batchSize) return published;
    }
  }

  /**
   * Claims the documents, publishes all their pending events in one batch (per document in
   * sequence order), then removes what was sent. Returns how many events went out.
   */
  private async relayDocuments(ids: string[]): Promise<number> {
    const claimed: AggregateFields[] = [];
    for (const id of ids) {
      const doc = await this.claim(id);
      if (doc) claimed.push(doc);
    }
    if (claimed.length === 0) return 0;
    const batches = claimed.map((doc) => ({
      doc,
      entries: [...doc.outbox].sort((a, b) => a.sequence - b.sequence),
    }));
    await this.publisher.publish(
      batches.flatMap(({ doc, entries }) => entries.map((e) => this.toOutgoing(doc._id, e))),
    );
    for (const { doc, entries } of batches) {
      await this.removeSent(doc, entries[entries.length - 1].sequence);
    }
    return batches.reduce((n, b) => n + b.entries.length, 0);
  }

  private async claim(id: string): Promise<AggregateFields | null> {
    const now = new Date();
    const claimed = (await this.model.collection.findOneAndUpdate(
      {
        _id: id as never,
        outboxPending: { $gt: 0 },
        $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: now } }],
      },
      { $set: { relayLeaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? 30_000)) } },
      { returnDocument: 'after' },
    )) as unknown as AggregateFields | null;
    return claimed && claimed.outbox.length > 0 ? claimed : null;
  }

  /**
   * Removes the entries up to `sentSequence`. FerretDB cannot $pull by condition, so the
   * remaining list is written back, guarded by `lastSequence` so that an event appended by a
   * command in the meantime is never dropped (on a clash: read again and retry). The first try
   * uses the claimed document, so the usual case costs one write.
   */
  private async removeSent(claimed: AggregateFields, sentSequence: number): Promise<void> {
    let doc: AggregateFields | null = claimed;
    while (doc) {
      const remaining = doc.outbox.filter((e) => e.sequence > sentSequence);
      const result = await this.model.collection.updateOne(
        { _id: doc._id as never, lastSequence: doc.lastSequence },
        { $set: { outbox: remaining, outboxPending: remaining.length, relayLeaseUntil: null } },
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
      event: {
        eventId: e.eventId,
        eventType: e.eventType,
        source: this.options.source,
        occurredAt: new Date(e.occurredAt),
        aggregateType: this.options.aggregateType,
        aggregateId,
        sequence: e.sequence,
        orgUnitCode: e.orgUnitCode ?? '',
        caseId: e.caseId ?? '',
        correlationId: e.correlationId ?? '',
        causationId: e.causationId ?? '',
        payload: toBytes(e.payload),
      },
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
      for (let i = 0; i < ids.length; i += size) await this.relayDocuments(ids.slice(i, i + size));
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

/** The driver hands back BSON Binary for Buffer fields. */
function toBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  const binary = payload as { buffer?: Uint8Array; value?: () => Uint8Array };
  if (binary.buffer instanceof Uint8Array) return binary.buffer;
  throw new Error('outbox payload is not binary');
}
