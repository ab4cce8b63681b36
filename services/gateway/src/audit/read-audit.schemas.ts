import { z } from '@mediation/config';
import { id, pageQuery, timestamp } from '../validation/common.schemas';

/** ListReadAudit: by case, by reader (a token's `sub`), or both; optionally within a window. */
export const readAuditQuery = z
  .object({
    caseId: id.optional(),
    reader: z
      .string()
      .trim()
      .regex(/^[\w.@:-]{1,128}$/, 'expected a user id')
      .optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
    ...pageQuery,
  })
  .refine((q) => q.caseId || q.reader, {
    path: ['caseId'],
    message: 'caseId or reader is required',
  })
  .refine((q) => !q.from || !q.to || Number(q.from.seconds) <= Number(q.to.seconds), {
    path: ['to'],
    message: 'not before from',
  });
