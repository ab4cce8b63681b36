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

/** The route of one session of a party's case. */
export const sessionAnswerParams = z.object({ caseId: id, sessionId: id });

/** The party's decision on mediation itself (RecordConsent / RecordRefusal, method ONLINE). */
export const consentBody = z
  .strictObject({
    subject: z.enum(['mediation']),
    decision: z.enum(['consent', 'refuse']),
    reason: text(2000).optional().describe('why not (required to refuse)'),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'refuse' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why you refuse' });
    if (b.decision === 'consent' && b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'only with a refusal' });
  });

/** The party's answer to a scheduled session (RespondToSession). */
export const sessionAnswerBody = z
  .strictObject({
    answer: z.enum(['attend', 'move']),
    note: text(1000).optional().describe('why, and when would suit (required to ask to move)'),
  })
  .superRefine((b, ctx) => {
    if (b.answer === 'move' && !b.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'say why, and when would suit' });
  });

/** A code to sign the agreement with, texted to the caller's own proven phone. */
export const agreementCodeBody = z.strictObject({
  language: z.enum(['zh', 'en']).default('zh'),
});

/** A signature: the proposal and content hash the party read, and the code texted for it. */
export const signatureBody = z.strictObject({
  proposalId: id,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected the agreement’s SHA-256 (hex)'),
  checkId: id,
  code: z.string().regex(/^\d{6}$/, 'expected the six digits texted'),
});

/** The party's rating of a closed mediation (RecordSatisfaction), once. */
export const satisfactionBody = z.strictObject({
  score: z.number().int().min(1, 'from 1 to 5').max(5, 'from 1 to 5'),
  comment: text(1000).optional(),
});

const time = z.string().describe('RFC 3339').nullable();
const beijing = z.string().describe('RFC 3339 in Beijing time (+08:00)').nullable();
const named = z.object({
  partyId: z.string(),
  name: z.string(),
  role: z.string(),
  you: z.boolean(),
});

const partyMediation = z
  .object({
    consent: z.object({
      decision: z.enum(['pending', 'given', 'refused']),
      at: beijing.describe('when you decided (null before, or when staff recorded it without)'),
      online: z.boolean().describe('decided in this app'),
      canDecide: z.boolean(),
    }),
    pendingDecisions: z.array(z.enum(['mediation'])).describe('what waits for your decision'),
    sessions: z.array(
      z.object({
        sessionId: z.string(),
        at: beijing,
        place: z.string(),
        yourAnswer: z
          .object({ answer: z.enum(['attend', 'move']), note: z.string(), at: beijing })
          .nullable(),
      }),
    ),
    agreement: z
      .object({
        proposalId: z.string(),
        contentHash: z.string().describe('SHA-256 (hex) of the text: sign with it'),
        proposedAt: beijing,
        facts: z.string(),
        issues: z.string(),
        responsibilities: z.string(),
        obligations: z.array(
          z.object({
            obligor: z.string(),
            obligee: z.string(),
            kind: z.string().describe('OBLIGATION_KIND_* name'),
            description: z.string(),
            amountYuan: z.string().nullable().describe('yuan with two decimals'),
            manner: z.string().describe('PERFORMANCE_MANNER_* name'),
            dueDate: z.string().nullable().describe('YYYY-MM-DD in Beijing'),
            instalments: z.array(
              z.object({
                number: z.number().int(),
                amountYuan: z.string().nullable(),
                dueDate: z.string().nullable(),
              }),
            ),
          }),
        ),
        otherTerms: z.string(),
        signers: z.array(named.extend({ signedAt: beijing })),
        youSigned: z.boolean(),
        yourSignedAt: beijing,
        youMaySign: z.boolean(),
      })
      .nullable()
      .describe('the written agreement put to the parties to sign'),
    agreementReached: z
      .object({
        effectiveAt: beijing,
        youSigned: z.boolean(),
        written: z
          .boolean()
          .describe(
            'a written 调解协议书 you may download (…/agreement.pdf); false for an oral one',
          ),
      })
      .nullable()
      .describe('the agreement in effect'),
    rating: z.object({
      canRate: z.boolean().describe('closed, and not yet rated by you'),
      yours: z.object({ score: z.number().int(), comment: z.string(), at: beijing }).nullable(),
    }),
  })
  .nullable()
  .describe('one case only: the mediation as far as it concerns you (null before it starts)');
const words = z.object({ zh: z.string(), en: z.string() });

const partyCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  category: z.string().describe('DISPUTE_CATEGORY_* name'),
  status: z.string().describe('CASE_STATUS_* name: where the case is over its whole life'),
  nextStep: words.describe('what happens next, in plain words'),
  registeredAt: time,
  committee: z
    .object({
      code: z.string(),
      name: z.string(),
      office: z.string().describe('where it receives the parties; empty when not on record'),
      phone: z.string().describe('its telephone, or the 12348 hotline'),
    })
    .nullable()
    .describe('the committee that has the case now'),
  mediator: z.string().nullable().describe("the lead mediator's name, once one is assigned"),
  nextDeadline: z.object({ at: z.string(), kind: z.string() }).nullable(),
  parties: z
    .array(z.object({ partyId: z.string(), role: z.string(), name: z.string(), you: z.boolean() }))
    .optional()
    .describe('one case only (not in lists): names and roles; you: the party with your phone'),
  mediation: partyMediation.optional(),
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
          downloadable: z.boolean().describe('you may download it (…/documents/{documentId})'),
        }),
      ),
    }),
  ),
  phoneCheck: jsonSchema(z.object({ checkId: z.string(), expiresAt: time, resendAfter: time })),
  session: jsonSchema(z.object({ accessToken: z.string(), expiresAt: z.string() })),
  cases: jsonSchema(z.object({ cases: z.array(partyCase), nextPageToken: z.string() })),
  case: jsonSchema(z.object({ case: partyCase })),
  done: jsonSchema(z.object({ case: partyCase }).describe('the case as it is now, after the act')),
} as const;
