import { z } from '@mediation/config';
import { commonV1, intakeV1, residentIdChecksumOk } from '@mediation/contracts';
import {
  enumList,
  id,
  int64,
  money,
  orgUnitCode,
  pageQuery,
  protoEnum,
  requiredText,
  risk,
  text,
  timestamp,
} from '../validation/common.schemas';

/** A mainland mobile or a landline with its area code, as parties' phones are registered. */
const phoneNumber = z
  .string()
  .trim()
  .regex(
    /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
    'expected a mainland mobile or a landline with area code',
  );

/** An identity document's number; an 18-character resident ID must pass its check digit. */
const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .max(32)
  .refine(
    (n) => !/^\d{17}[\dX]$/.test(n) || residentIdChecksumOk(n),
    'not a valid resident ID number',
  );

export const party = z
  .strictObject({
    partyId: z.string().max(64).optional(),
    kind: protoEnum(commonV1.PartyKind),
    role: protoEnum(commonV1.PartyRole),
    name: requiredText(100),
    idType: protoEnum(commonV1.IdType).optional(),
    idNumber: z.string().trim().toUpperCase().max(32).optional(),
    phone: phoneNumber.optional(),
    address: text(200).optional(),
    consent: protoEnum(commonV1.ConsentState).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.idNumber && !p.idType)
      ctx.addIssue({ code: 'custom', path: ['idType'], message: 'required with idNumber' });
    if (p.idType === 'ID_TYPE_RESIDENT_ID_CARD' && p.idNumber && !residentIdChecksumOk(p.idNumber))
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: 'not a valid resident ID number',
      });
  });

const partiesList = z
  .array(party)
  .min(2, 'at least one applicant and one respondent')
  .max(50)
  .superRefine((parties, ctx) => {
    for (const role of ['PARTY_ROLE_APPLICANT', 'PARTY_ROLE_RESPONDENT'])
      if (!parties.some((p) => p.role === role))
        ctx.addIssue({ code: 'custom', message: `needs a party with role ${role}` });
  });

/** Channels a person or system may register through here; referral-in comes from the referral service. */
const directChannels = ['CHANNEL_WALK_IN', 'CHANNEL_HOTLINE_12348', 'CHANNEL_ONLINE'] as const;
const directSources = [
  'CASE_SOURCE_PARTY_APPLICATION',
  'CASE_SOURCE_COMMITTEE_INITIATIVE',
] as const;

export const openCaseBody = z
  .strictObject({
    idempotencyKey: z.string().regex(/^[\w.:-]{8,128}$/, 'expected 8-128 characters (a UUID)'),
    source: z.enum(directSources),
    channel: z.enum(directChannels),
    platformLevel: protoEnum(commonV1.PlatformLevel).optional(),
    externalReference: text(64).optional(),
    orgUnitCode,
    category: protoEnum(commonV1.DisputeCategory),
    parties: partiesList,
    peopleInvolved: z.number().int().min(1).max(100_000).optional(),
    amountInvolved: money.optional(),
    description: requiredText(5000),
    risk: risk.optional(),
    disputeStartedAt: timestamp.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.channel === 'CHANNEL_WALK_IN' && !b.platformLevel)
      ctx.addIssue({
        code: 'custom',
        path: ['platformLevel'],
        message: 'required for walk-in cases',
      });
  });

export const listCasesQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  status: enumList(intakeV1.CaseStatus),
  category: enumList(commonV1.DisputeCategory),
  source: enumList(commonV1.CaseSource),
  channel: enumList(commonV1.Channel),
  registeredFrom: timestamp.optional(),
  registeredTo: timestamp.optional(),
  // Search (ListCases 8..14). Phones and ID numbers are matched by intake through keyed hashes.
  caseNumber: z.string().trim().min(4, 'at least 4 characters').max(64).optional(),
  partyName: z.string().trim().min(1).max(100).optional(),
  partyPhone: phoneNumber.optional(),
  partyIdNumber: idNumber.pipe(z.string().min(6, 'at least 6 characters')).optional(),
  /** The committee (or reasoning point) holding the case now. */
  holder: id.optional(),
  /** A mediator's id, or `me`. */
  mediator: id.optional(),
  overdue: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ...pageQuery,
});

export const caseParams = z.object({ caseId: id });
export const documentParams = z.object({ caseId: id, documentId: id });

export const amendCaseBody = z.strictObject({
  expectedVersion: int64,
  reason: requiredText(1000),
  changes: z
    .strictObject({
      category: protoEnum(commonV1.DisputeCategory).optional(),
      description: requiredText(5000).optional(),
      orgUnitCode: orgUnitCode.optional(),
      peopleInvolved: z.number().int().min(1).max(100_000).optional(),
      amountInvolved: money.optional(),
      risk: risk.optional(),
      parties: partiesList.optional(),
      disputeStartedAt: timestamp.optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), 'at least one change'),
});

export const withdrawCaseBody = z.strictObject({
  expectedVersion: int64,
  reason: requiredText(1000),
  partyId: id,
});

/** 3 MiB of content is 4 MiB of base64 (MAX_DOCUMENT_BYTES). */
export const attachDocumentBody = z.strictObject({
  kind: protoEnum(intakeV1.DocumentKind),
  fileName: requiredText(200),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type'),
  contentBase64: z
    .string()
    .min(1)
    .max(4 * 1024 * 1024, 'at most 3 MiB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  description: text(1000).default(''),
  idempotencyKey: z
    .string()
    .regex(/^[\w.:-]{8,128}$/)
    .optional(),
});
