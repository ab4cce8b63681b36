import { z } from '@mediation/config';
import { commonV1, residentIdChecksumOk } from '@mediation/contracts';
import { attachDocumentBody } from '../cases/cases.schemas';
import { jsonSchema } from '../openapi/zod-openapi';
import {
  id,
  orgUnitCode,
  pageQuery,
  protoEnum,
  requiredText,
  text,
  timestamp,
} from '../validation/common.schemas';

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

/** Evidence a party adds to its case (and the list of it); the rest of a case file is the staff's. */
export const partyEvidenceBody = attachDocumentBody.extend({
  kind: z.enum(['DOCUMENT_KIND_EVIDENCE', 'DOCUMENT_KIND_EVIDENCE_LIST']),
});

/** The places a dispute may be filed at, one level at a time (no parent: the districts). */
export const placesQuery = z.strictObject({ parent: orgUnitCode.optional() });

const residentId = z
  .string()
  .trim()
  .toUpperCase()
  .refine(residentIdChecksumOk, 'not a valid resident ID number');

/**
 * An online application (OpenCase, channel ONLINE, as the party): the applicant is the signed-in
 * party (its phone the proven one), against one to five others.
 */
export const applicationBody = z.strictObject({
  idempotencyKey: z.string().uuid('expected a UUID made by the app'),
  orgUnitCode: orgUnitCode.describe('where the dispute arose: a community or a reasoning point'),
  category: protoEnum(commonV1.DisputeCategory),
  description: requiredText(2000).describe('what happened, and what you are asking for'),
  disputeStartedAt: timestamp.optional(),
  applicant: z.strictObject({
    name: requiredText(100),
    idNumber: residentId.optional().describe('a resident ID card number; optional'),
    address: text(200).optional(),
  }),
  respondents: z
    .array(
      z.strictObject({
        kind: z.enum(['PARTY_KIND_PERSON', 'PARTY_KIND_ORGANISATION']).default('PARTY_KIND_PERSON'),
        name: requiredText(100),
        phone: text(20).optional(),
        address: text(200).optional(),
      }),
    )
    .min(1, 'name the other side')
    .max(5),
});

const time = z.string().describe('RFC 3339').nullable();
const words = z.object({ zh: z.string(), en: z.string() });

const partyCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  category: z.string().describe('DISPUTE_CATEGORY_* name'),
  status: z.string().describe('CASE_STATUS_* name: where the case is over its whole life'),
  nextStep: words.describe('what happens next, in plain words'),
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

const place = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['DISTRICT', 'STREET', 'COMMUNITY', 'POINT']),
  hasChildren: z.boolean(),
});

export const PARTY_RESPONSE_SCHEMAS = {
  places: jsonSchema(z.object({ places: z.array(place) })),
  documents: jsonSchema(
    z.object({
      documents: z.array(
        z.object({
          documentId: z.string(),
          kind: z.string().describe('DOCUMENT_KIND_* name'),
          fileName: z.string().describe('only of the documents you added'),
          sizeBytes: z.number().int(),
          attachedAt: time,
          yours: z.boolean().describe('you added it'),
        }),
      ),
    }),
  ),
  phoneCheck: jsonSchema(z.object({ checkId: z.string(), expiresAt: time, resendAfter: time })),
  session: jsonSchema(z.object({ accessToken: z.string(), expiresAt: z.string() })),
  cases: jsonSchema(z.object({ cases: z.array(partyCase), nextPageToken: z.string() })),
  case: jsonSchema(z.object({ case: partyCase })),
} as const;
