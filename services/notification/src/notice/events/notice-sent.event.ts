import { derivedId, toTimestamp } from '@mediation/contracts';
import { newEvent, toOutboxEntries, type OutboxEntry } from '@mediation/persistence';
import type { DeliveryDoc } from '../persistence/delivery.repository';

/**
 * The NoticeSent of a delivery the provider accepted: no phone, no body. Its id derives from the
 * delivery's, so that however often it is written or published it is one event to its readers.
 */
export function noticeSentEntry(d: DeliveryDoc, sentAt: Date, topic: string): OutboxEntry {
  const event = newEvent(
    'mediation.notification.v1.NoticeSent',
    {
      deliveryId: d._id,
      caseId: d.caseId,
      partyId: d.partyId,
      notice: d.key,
      reminder: d.reminder,
      sentAt: toTimestamp(sentAt),
      sessionId: d.sessionId ?? '',
    },
    { caseId: d.caseId, orgUnitCode: d.orgUnitCode, occurredAt: sentAt },
  );
  const [entry] = toOutboxEntries([{ ...event, topic }], 0);
  return { ...entry!, eventId: noticeSentId(d._id) };
}

export const noticeSentId = (deliveryId: string) => derivedId('NoticeSent', deliveryId);
