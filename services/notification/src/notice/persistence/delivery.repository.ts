import type { Collection, Db } from 'mongodb';
import { isDuplicateKey, type AggregateModel, type OutboxEntry } from '@mediation/persistence';
import type { DeliveryStatus, Language, NoticeKey, NoticeParams } from '../domain/notice.types';

/**
 * One text to one party: the delivery log. Holds no message body and no phone number in clear,
 * only what the case's staff may see anyway (the phone masked).
 */
export interface DeliveryDoc {
  /** `<event id>/<key>/<party id>`: at most one text per event and recipient, ever. */
  _id: string;
  noticeId: string;
  caseId: string;
  orgUnitCode: string;
  partyId: string;
  key: NoticeKey;
  eventType: string;
  reminder: boolean;
  /** The template's variables in both languages (no personal data: see notice-planner.ts). */
  params: NoticeParams;
  language: Language;
  phoneMasked: string;
  status: DeliveryStatus;
  detail: string;
  attempts: number;
  plannedAt: Date;
  /** PENDING: when to try; SENDING: when it was claimed. */
  dueAt: Date;
  finishedAt: Date | null;
  providerMessageId: string;
  /** The session a session notice is about. */
  sessionId?: string;
  /** Guards each step: a claim or result applies only to the version it read. */
  version: number;
  /**
   * The delivery is the aggregate of its NoticeSent: the event is written with SENT, in the same
   * write, and the outbox relay publishes it (absent on deliveries written before it existed).
   */
  lastSequence?: number;
  outbox?: OutboxEntry[];
  outboxPending?: number;
  relayLeaseUntil?: Date | null;
  outboxSetAsideAt?: Date | null;
}

/** A new delivery, before it has any event. */
export type NewDelivery = Omit<
  DeliveryDoc,
  'lastSequence' | 'outbox' | 'outboxPending' | 'relayLeaseUntil' | 'outboxSetAsideAt'
>;

export const DELIVERIES_COLLECTION = 'deliveries';
/** The most rows the delivery log of one case returns. */
export const DELIVERIES_PER_CASE = 500;

export class DeliveryRepository {
  private readonly deliveries: Collection<DeliveryDoc>;

  /** `afterEvents` kicks the deliveries' outbox relay with the delivery's id. */
  constructor(
    db: Db,
    private readonly afterEvents: (deliveryId: string) => void = () => undefined,
  ) {
    this.deliveries = db.collection<DeliveryDoc>(DELIVERIES_COLLECTION);
  }

  /** The collection as the outbox relay reads it. */
  get outboxModel(): AggregateModel {
    return { collection: this.deliveries as unknown as AggregateModel['collection'] };
  }

  async init(): Promise<void> {
    await this.deliveries.createIndex({ status: 1, dueAt: 1 });
    await this.deliveries.createIndex({ caseId: 1, plannedAt: -1, _id: -1 });
    // The relay's sweep for events not yet published.
    await this.deliveries.createIndex({ outboxPending: 1 });
  }

  /** Adds the delivery unless it exists (a notice handed out again after a restart). */
  async addOnce(delivery: NewDelivery): Promise<boolean> {
    try {
      await this.deliveries.insertOne({
        ...delivery,
        lastSequence: 0,
        outbox: [],
        outboxPending: 0,
        relayLeaseUntil: null,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Deliveries waiting for an attempt whose time has come. */
  due(now: Date, limit: number): Promise<DeliveryDoc[]> {
    return this.deliveries
      .find({ status: 'PENDING', dueAt: { $lte: now } })
      .sort({ status: 1, dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Claimed before `claimedBefore` and never finished: the process stopped while sending. */
  stranded(claimedBefore: Date, limit: number): Promise<DeliveryDoc[]> {
    return this.deliveries
      .find({ status: 'SENDING', dueAt: { $lt: claimedBefore } })
      .sort({ status: 1, dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Moves a delivery on from the version read; false when someone else moved it first. `event`
   * (its NoticeSent, the delivery's one event) goes into the outbox in the same write.
   */
  async update(
    d: Pick<DeliveryDoc, '_id' | 'version'>,
    set: Partial<Omit<DeliveryDoc, '_id' | 'version' | 'outbox' | 'lastSequence'>>,
    event?: OutboxEntry,
  ): Promise<boolean> {
    const withEvent = event
      ? { outbox: [event], outboxPending: 1, lastSequence: event.sequence, relayLeaseUntil: null }
      : {};
    const r = await this.deliveries.updateOne(
      { _id: d._id, version: d.version },
      { $set: { ...set, ...withEvent, version: d.version + 1 } },
    );
    if (r.matchedCount === 1 && event) this.afterEvents(d._id);
    return r.matchedCount === 1;
  }

  forCase(caseId: string): Promise<DeliveryDoc[]> {
    return this.deliveries
      .find({ caseId }, { projection: { outbox: 0 } })
      .sort({ caseId: 1, plannedAt: -1, _id: -1 })
      .limit(DELIVERIES_PER_CASE)
      .toArray();
  }
}
