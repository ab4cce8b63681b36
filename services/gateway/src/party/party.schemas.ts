import { z } from '@mediation/config';
import { jsonSchema } from '../openapi/zod-openapi';
import { id, pageQuery } from '../validation/common.schemas';

const mobile = z
  .string()
  .trim()
  .max(20)
  .regex(/^(\+?86)?[\s-]*1[3-9](\d[\s-]*){9}$/, 'expected a mainland mobile number');

/** StartPhoneCheck: the number to text a code to, and the language of the text. */
export const phoneCheckBody = z.strictObject({
  mobile,
  language: z.enum(['zh', 'en']).default('zh'),
});

/** ProvePhone, then a session: the check, its number and the six digits texted. */
export const sessionBody = z.strictObject({
  checkId: id,
  mobile,
  code: z.string().regex(/^\d{6}$/, 'expected the six digits texted'),
});

export const partyCasesQuery = z.strictObject(pageQuery);

const time = z.string().describe('RFC 3339').nullable();
const text = z.object({ zh: z.string(), en: z.string() });

const partyCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  category: z.string().describe('DISPUTE_CATEGORY_* name'),
  status: z.string().describe('CASE_STATUS_* name: where the case is over its whole life'),
  nextStep: text.describe('what happens next, in plain words'),
  registeredAt: time,
  committee: z
    .object({ code: z.string(), name: z.string() })
    .nullable()
    .describe('the committee that has the case now'),
  mediator: z.string().nullable().describe("the lead mediator's name, once one is assigned"),
  nextDeadline: z.object({ at: z.string(), kind: z.string() }).nullable(),
  parties: z
    .array(z.object({ partyId: z.string(), role: z.string(), name: z.string(), you: z.boolean() }))
    .optional()
    .describe('one case only (not in lists): names and roles; you: the party with your phone'),
});

export const PARTY_RESPONSE_SCHEMAS = {
  phoneCheck: jsonSchema(z.object({ checkId: z.string(), expiresAt: time, resendAfter: time })),
  session: jsonSchema(z.object({ accessToken: z.string(), expiresAt: z.string() })),
  cases: jsonSchema(z.object({ cases: z.array(partyCase), nextPageToken: z.string() })),
  case: jsonSchema(z.object({ case: partyCase })),
} as const;
