import { notificationV1, toTimestamp } from '@mediation/contracts';
import type { DeliveryStatus, Language } from '../domain/notice.types';
import type { DeliveryDoc } from '../persistence/delivery.repository';
import type { NoticeDoc } from '../persistence/notice.repository';
import type { PreferencesDoc } from '../persistence/party-preferences.repository';

const { DeliveryStatus: Status, NoticeLanguage } = notificationV1;

const STATUS: Record<DeliveryStatus, notificationV1.DeliveryStatus> = {
  PENDING: Status.DELIVERY_STATUS_PENDING,
  SENDING: Status.DELIVERY_STATUS_SENDING,
  SENT: Status.DELIVERY_STATUS_SENT,
  FAILED: Status.DELIVERY_STATUS_FAILED,
  UNCERTAIN: Status.DELIVERY_STATUS_UNCERTAIN,
  SKIPPED: Status.DELIVERY_STATUS_SKIPPED,
};

export const toWireLanguage = (l: Language): notificationV1.NoticeLanguage =>
  l === 'en' ? NoticeLanguage.NOTICE_LANGUAGE_EN : NoticeLanguage.NOTICE_LANGUAGE_ZH;

/** A delivery as the log shows it: no body, the phone masked. */
export function toWireDelivery(d: DeliveryDoc): notificationV1.Delivery {
  return notificationV1.Delivery.fromPartial({
    deliveryId: d._id,
    caseId: d.caseId,
    partyId: d.partyId,
    notice: d.key,
    language: toWireLanguage(d.language),
    phoneMasked: d.phoneMasked,
    status: STATUS[d.status],
    detail: d.detail,
    attempts: d.attempts,
    plannedAt: toTimestamp(d.plannedAt),
    dueAt: toTimestamp(d.dueAt),
    finishedAt: d.finishedAt ? toTimestamp(d.finishedAt) : undefined,
    providerMessageId: d.providerMessageId,
    eventType: d.eventType,
  });
}

export const toWirePreferences = (p: PreferencesDoc): notificationV1.PartyPreferences => ({
  caseId: p.caseId,
  partyId: p.partyId,
  remindersOff: p.remindersOff,
  language: toWireLanguage(p.language),
  updatedAt: toTimestamp(p.updatedAt),
});

/**
 * A notice not yet handed out, as the log shows it: pending, due when it will go, one row per
 * party it names, or one with no party for "every party".
 */
export function waitingNoticeRows(n: NoticeDoc): notificationV1.Delivery[] {
  return (n.partyIds.length ? n.partyIds : ['']).map((partyId) =>
    notificationV1.Delivery.fromPartial({
      deliveryId: partyId ? `${n._id}/${partyId}` : n._id,
      caseId: n.caseId,
      partyId,
      notice: n.key,
      status: Status.DELIVERY_STATUS_PENDING,
      plannedAt: toTimestamp(n.plannedAt),
      dueAt: toTimestamp(n.dueAt),
      eventType: n.eventType,
    }),
  );
}
