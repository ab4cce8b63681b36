import { z } from '@mediation/config';
import { notificationV1 } from '@mediation/contracts';
import { jsonSchema } from '../openapi/zod-openapi';
import { id, protoEnum } from '../validation/common.schemas';

export const partyParams = z.object({ caseId: id, partyId: id });

/** SetPartyPreferences: a party's wishes for texts about this case. */
export const partyPreferencesBody = z
  .object({
    remindersOff: z.boolean().describe('no reminders; decisions on the case are still sent'),
    language: protoEnum(notificationV1.NoticeLanguage).default('NOTICE_LANGUAGE_ZH'),
  })
  .strict();

const time = z.string().describe('RFC 3339').nullable();

const delivery = z.object({
  deliveryId: z.string(),
  caseId: z.string(),
  partyId: z.string(),
  notice: z.string().describe('e.g. "session-scheduled" (docs/notification.md)'),
  language: protoEnum(notificationV1.NoticeLanguage),
  phoneMasked: z.string().describe('e.g. "138****5678"'),
  status: protoEnum(notificationV1.DeliveryStatus),
  detail: z.string().describe('why it failed or was skipped; never personal data'),
  attempts: z.number().int(),
  plannedAt: time,
  dueAt: time,
  finishedAt: time,
  providerMessageId: z.string(),
  eventType: z.string(),
});

const preferences = z.object({
  caseId: z.string(),
  partyId: z.string(),
  remindersOff: z.boolean(),
  language: protoEnum(notificationV1.NoticeLanguage),
  updatedAt: time,
});

export const NOTIFICATION_RESPONSE_SCHEMAS = {
  deliveries: jsonSchema(
    z.object({
      deliveries: z.array(delivery),
      preferences: z.array(preferences).describe('only parties whose wishes were recorded'),
    }),
  ),
  preferences: jsonSchema(z.object({ preferences })),
} as const;
