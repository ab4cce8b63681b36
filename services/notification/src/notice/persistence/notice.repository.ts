import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@mediation/persistence';
import type { NoticeKey, NoticeParams, PlannedNotice } from '../domain/notice.types';

/** A planned notice: one per event and notice key, until it is handed out to its recipients. */
export interface NoticeDoc {
  /** `<event id>/<key>`: an event redelivered after a restart plans nothing twice. */
  _id: string;
  caseId: string;
  orgUnitCode: string;
  eventId: string;
  eventType: string;
  key: NoticeKey;
  partyIds: string[];
  params: NoticeParams;
  reminder: boolean;
  dueAt: Date;
  plannedAt: Date;
  slot?: string;
  /** The session a session notice is about. */
  sessionId?: string;
  /**
   * WAITING until handed out (DONE); CANCELLED by a later plan in its slot, or set aside when
   * intake does not know the case (`detail` says why).
   */
  status: 'WAITING' | 'DONE' | 'CANCELLED';
  detail?: string;
}

export const NOTICES_COLLECTION = 'notices';
export class NoticeRepository {
  private readonly notices: Collection<NoticeDoc>;

  constructor(db: Db) {
    this.notices = db.collection<NoticeDoc>(NOTICES_COLLECTION);
  }

  async init(): Promise<void> {
    await this.notices.createIndex({ status: 1, dueAt: 1 });
    await this.notices.createIndex({ slot: 1 }, { sparse: true });
    await this.notices.createIndex({ caseId: 1, status: 1 });
  }

  /**
   * Records a notice once: a second plan of the same event and key is ignored. A notice with a
   * slot first cancels what still waits in that slot (a moved session's old reminder).
   */
  async plan(
    notice: PlannedNotice,
    from: { caseId: string; orgUnitCode: string; eventId: string; eventType: string },
    fields: { dueAt: Date; plannedAt: Date; reminder: boolean },
  ): Promise<boolean> {
    const id = `${from.eventId}/${notice.key}`;
    if (notice.slot)
      await this.notices.updateMany(
        { slot: notice.slot, status: 'WAITING', _id: { $ne: id } },
        { $set: { status: 'CANCELLED' } },
      );
    try {
      await this.notices.insertOne({
        _id: id,
        ...from,
        key: notice.key,
        partyIds: [...notice.partyIds],
        params: notice.params,
        ...fields,
        ...(notice.slot ? { slot: notice.slot } : {}),
        ...(notice.sessionId ? { sessionId: notice.sessionId } : {}),
        status: 'WAITING',
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** The notices whose time has come, oldest first. */
  due(now: Date, limit: number): Promise<NoticeDoc[]> {
    return this.notices
      .find({ status: 'WAITING', dueAt: { $lte: now } })
      .sort({ status: 1, dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** A case's notices still waiting for their time (a reminder, the morning after quiet hours). */
  waitingFor(caseId: string): Promise<NoticeDoc[]> {
    return this.notices.find({ caseId, status: 'WAITING' }).limit(100).toArray();
  }

  async markDone(id: string): Promise<void> {
    await this.notices.updateOne({ _id: id, status: 'WAITING' }, { $set: { status: 'DONE' } });
  }

  /** Gives up a notice that can never be handed out, saying why. */
  async setAside(id: string, detail: string): Promise<void> {
    await this.notices.updateOne(
      { _id: id, status: 'WAITING' },
      { $set: { status: 'CANCELLED', detail } },
    );
  }
}
