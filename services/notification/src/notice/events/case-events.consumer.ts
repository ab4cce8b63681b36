import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { decodeEvent, type EventType } from '@mediation/contracts';
import { toEnvelope, type BusEvent, type EventPublisher } from '@mediation/event-bus';
import { BackgroundConsumer } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import {
  HOLDER_EVENT_TYPES,
  holderAfter,
  INBOX_EVENT_TYPES,
} from '../../inbox/events/inbox-item.mapper';
import type { InboxRecorder } from '../../inbox/events/inbox-recorder';
import { REMINDERS } from '../domain/notice.types';
import { outsideQuietHours, type QuietHours } from '../domain/quiet-hours';
import type { CasePartiesRepository } from '../persistence/case-parties.repository';
import type { NoticeRepository } from '../persistence/notice.repository';
import { NOTICE_EVENT_TYPES, type NoticePlanner } from './notice-planner';

export interface CaseEventsConsumerOptions {
  groupId: string;
  topics: string[];
  quietHours: QuietHours;
  /** Events older than this when they arrive (a replay of the history) plan no text. */
  maxEventAgeMs: number;
  clock: () => Date;
  /** Called after a notice is planned, so that the dispatcher looks soon. */
  planned: () => void;
}

/** Everything the consumer applies; other types are skipped before any I/O. */
const HANDLED: ReadonlySet<EventType> = new Set<EventType>([
  ...NOTICE_EVENT_TYPES,
  ...INBOX_EVENT_TYPES,
  ...HOLDER_EVENT_TYPES,
]);

/**
 * Turns the case topics' facts into planned notices and staff inbox items, and follows where each
 * case is. Backfilled events (补录) and old ones tell no party anything: a text about a session
 * held last year helps no one. The inbox keeps what the parties did whenever it arrives (a replay
 * adds nothing: one item per event), but not what the staff entered later (补录).
 */
export class CaseEventsConsumer extends BackgroundConsumer {
  constructor(
    kafka: Kafka,
    connection: Connection,
    publisher: EventPublisher,
    private readonly planner: NoticePlanner,
    private readonly notices: NoticeRepository,
    private readonly cases: CasePartiesRepository,
    private readonly inbox: InboxRecorder,
    private readonly options: CaseEventsConsumerOptions,
  ) {
    super(kafka, connection, publisher, {
      groupId: options.groupId,
      topics: options.topics,
      handles: HANDLED,
      logger: createLogger('notification:case-events'),
    });
  }

  async handle(event: BusEvent): Promise<void> {
    const decoded = decodeEvent(toEnvelope(event));
    const caseId = event.caseId || event.aggregateId;
    if (
      decoded.type === 'mediation.intake.v1.CaseOpened' ||
      decoded.type === 'mediation.intake.v1.CaseAmended'
    ) {
      const facts = decoded.payload.facts;
      await this.cases.set(
        caseId,
        facts?.orgUnit?.code ?? event.orgUnitCode,
        (facts?.parties ?? []).map((p) => ({ partyId: p.partyId, role: p.role })),
        decoded.type === 'mediation.intake.v1.CaseOpened' ? decoded.payload.caseNumber : undefined,
      );
      // An application made online is acknowledged; an amendment tells the parties nothing.
      if (decoded.type === 'mediation.intake.v1.CaseAmended') return;
    }
    const moved = holderAfter(decoded);
    if (moved) await this.cases.setHolder(caseId, moved.holder, moved.caseNumber || undefined);
    if (!event.backfilled) await this.inbox.record(event, decoded, caseId);
    const now = this.options.clock();
    if (event.backfilled || now.getTime() - event.occurredAt.getTime() > this.options.maxEventAgeMs)
      return;
    let planned = false;
    for (const notice of this.planner.plan(decoded, event.occurredAt)) {
      const dueAt = outsideQuietHours(
        notice.dueAt < now ? now : notice.dueAt,
        this.options.quietHours,
      );
      planned =
        (await this.notices.plan(
          notice,
          {
            caseId,
            orgUnitCode: event.orgUnitCode,
            eventId: event.eventId,
            eventType: event.eventType,
          },
          { dueAt, plannedAt: now, reminder: REMINDERS.has(notice.key) },
        )) || planned;
    }
    if (planned) this.options.planned();
  }
}
