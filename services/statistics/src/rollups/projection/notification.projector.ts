import { fromTimestamp, type DecodedEvent } from '@mediation/contracts';
import { C, reminderKindCounter } from '../domain/counters';
import type { Projected } from './projected';

/** What statistics remembers of a delivery (one text to one party): that it counted it. */
export interface DeliveryState {
  kind: 'delivery';
  orgUnitCode: string;
}

/** A template key as a counter name part (no dots or `$` in a document path). */
const noticeKey = (notice: string) => notice.replace(/[^\w-]/g, '_') || 'unknown';

/**
 * Reminders sent, at the case's unit (the envelope's), in total and per kind of reminder; a
 * session reminder is also half of the reminded / not reminded join (SessionLinks).
 */
export function projectNotification(
  event: DecodedEvent,
  prior: DeliveryState | undefined,
  atMs: number,
  envelopeUnit: string,
): Projected<DeliveryState> | undefined {
  if (event.type !== 'mediation.notification.v1.NoticeSent') return undefined;
  const p = event.payload;
  // A delivery is sent once; a second NoticeSent of it would be a republication.
  if (prior) return { state: prior, contributions: [] };
  const state: DeliveryState = { kind: 'delivery', orgUnitCode: envelopeUnit };
  if (!p.reminder) return { state, contributions: [] };
  return {
    state,
    contributions: [
      {
        orgUnitCode: envelopeUnit,
        atMs,
        keys: {},
        counters: { [C.remindersSent]: 1, [reminderKindCounter(noticeKey(p.notice))]: 1 },
      },
    ],
    ...(p.sessionId && p.partyId
      ? {
          sessionFact: {
            kind: 'reminded' as const,
            sessionId: p.sessionId,
            partyId: p.partyId,
            sentAtMs: p.sentAt ? fromTimestamp(p.sentAt).getTime() : atMs,
          },
        }
      : {}),
  };
}
