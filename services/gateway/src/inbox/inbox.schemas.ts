import { z } from '@mediation/config';
import { commonV1, notificationV1 } from '@mediation/contracts';
import { jsonSchema } from '../openapi/zod-openapi';
import { id, pageQuery, protoEnum } from '../validation/common.schemas';

/** GET /api/v1/inbox: unread only or all, page by page. */
export const inboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ...pageQuery,
});

/** POST /api/v1/inbox/read */
export const markReadBody = z.strictObject({
  itemIds: z.array(id).min(1).max(500),
});

const item = z.object({
  itemId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  kind: protoEnum(notificationV1.InboxKind),
  partyId: z.string(),
  partyRole: protoEnum(commonV1.PartyRole).describe('who acted, by role; no name'),
  occurredAt: z.string().describe('RFC 3339').nullable(),
  orgUnitCode: z.string(),
  committeeCode: z.string(),
  committeeName: z.string().optional().describe('from the org directory'),
  sessionId: z.string().describe('INBOX_KIND_SESSION_MOVE_ASKED: the session'),
  read: z.boolean().describe('read by the caller'),
  note: z.string(),
});

export const INBOX_RESPONSE_SCHEMAS = {
  list: jsonSchema(
    z.object({
      items: z.array(item),
      page: z.object({ nextPageToken: z.string() }),
      unreadCount: z.number().int().describe('counted up to 1000'),
    }),
  ),
  read: jsonSchema(z.object({ marked: z.number().int().describe('items marked read now') })),
} as const;
