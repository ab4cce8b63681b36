import { z } from '@mediation/config';
import { commonV1, intakeV1 } from '@mediation/contracts';
import { jsonSchema } from '../openapi/zod-openapi';
import { protoEnum } from '../validation/common.schemas';

// The JSON the case reads answer with (the proto3 mapping plus the names the gateway adds from
// the org directory, org-names.ts), for the OpenAPI document. Only the case view's parts are
// spelled out; the rest of a case is the contract's Case message.

const time = z.string().describe('RFC 3339').nullable();
const named = { name: z.string().optional().describe('from the org directory') };

const committeeRef = z.object({
  code: z.string(),
  orgUnitCode: z.string(),
  level: protoEnum(commonV1.HandlingLevel),
  ...named,
});
const orgUnitRef = z.object({
  code: z.string(),
  level: protoEnum(commonV1.OrgUnitLevel),
  ...named,
});
const actorRef = z.object({
  subject: z.string(),
  role: protoEnum(commonV1.Role),
  orgUnitCode: z.string(),
  displayName: z.string().describe('a staff member’s name; empty for the platform'),
});
const mediatorOnCase = z.object({ mediatorId: z.string(), displayName: z.string() });

export const caseProgressJson = z
  .object({
    holder: committeeRef.nullable().describe('the committee (or reasoning point) holding it'),
    path: z.array(committeeRef).describe('every handler, first to current'),
    leadMediator: mediatorOnCase.nullable(),
    otherMediators: z.array(mediatorOnCase),
    nextDeadlineAt: time,
    nextDeadlineKind: protoEnum(intakeV1.DeadlineKind).or(z.literal('DEADLINE_KIND_UNSPECIFIED')),
    overdue: z.boolean(),
    referral: z
      .object({
        referralId: z.string(),
        inbound: z.boolean().describe('an entrustment (in) rather than a referral out'),
        stage: protoEnum(intakeV1.ReferralStage),
        desk: z
          .object({
            code: z.string(),
            institutionCode: z.string(),
            institutionType: protoEnum(commonV1.InstitutionType),
            ...named,
          })
          .nullable(),
        institution: z
          .object({ code: z.string(), type: protoEnum(commonV1.InstitutionType), ...named })
          .nullable(),
        lawyerId: z.string(),
      })
      .nullable(),
    lastActivityAt: time,
    lastActivity: z.string().describe('the event type, e.g. mediation.mediation.escalated'),
  })
  .nullable()
  .describe('where the case is now (the case view); null before its first mediation event');

const caseStatus = protoEnum(intakeV1.CaseStatus);
const viewFields = {
  status: caseStatus.describe('the case’s status over its whole life'),
  intakeStatus: caseStatus.describe('intake’s own state: REGISTERED or WITHDRAWN'),
  orgUnit: orgUnitRef.nullable(),
  committee: committeeRef.nullable(),
  progress: caseProgressJson,
};

const caseSummaryJson = z
  .object({
    caseId: z.string(),
    caseNumber: z.string(),
    version: z.string(),
    category: protoEnum(commonV1.DisputeCategory),
    registeredAt: time,
    ...viewFields,
  })
  .describe('CaseSummary (more fields as in the contract)');

export const timelineEntryJson = z.object({
  entryId: z.string(),
  occurredAt: time,
  source: z.enum(['intake', 'mediation', 'referral']),
  eventType: z.string(),
  summary: z.string().describe('a short Chinese line, no personal data'),
  actor: actorRef.nullable(),
  handler: committeeRef.nullable().describe('the unit and level the step happened at'),
  backfilled: z.boolean().describe('补录: entered later than it happened'),
  referralId: z.string(),
});

export const readAuditEntryJson = z.object({
  entryId: z.string(),
  readAt: time,
  caseId: z.string(),
  caseNumber: z.string().describe("the case's number; '' on reads recorded before it was kept"),
  reader: actorRef.nullable(),
  what: z
    .string()
    .describe('GetCase, GetDocument, GetPartyContacts, GetAgreementDocument, ExportCaseFile'),
  why: z.string().describe('"scope", "referral:<id>", "party", or a notice\'s purpose'),
  documentId: z.string(),
  sha256: z.string().describe("a download another service served: its content's SHA-256"),
});

const page = z.object({ nextPageToken: z.string() }).nullable();

export const CASE_RESPONSE_SCHEMAS = {
  caseList: jsonSchema(z.object({ cases: z.array(caseSummaryJson), page })),
  caseOne: jsonSchema(
    z.object({ case: z.object(viewFields).describe('Case (more fields as in the contract)') }),
  ),
  timeline: jsonSchema(z.object({ entries: z.array(timelineEntryJson) })),
  readAudit: jsonSchema(z.object({ entries: z.array(readAuditEntryJson), page })),
} as const;
