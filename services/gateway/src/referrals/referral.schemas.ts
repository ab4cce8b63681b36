import { z } from '@mediation/config';
import { commonV1, referralV1 as r, type UnaryMethodName } from '@mediation/contracts';
import { party } from '../cases/cases.schemas';
import {
  expectedVersion,
  id,
  money,
  orgUnitCode,
  pageQuery,
  protoEnum,
  requiredText,
  risk,
  text,
  timestamp,
} from '../validation/common.schemas';
import type { CommandTable } from '../validation/command-table';

const handover = z.strictObject({
  summary: requiredText(5000),
  whatWasTried: text(5000).default(''),
  documentIds: z.array(id).max(50).default([]),
});

export const referralParams = z.object({ referralId: id });
export const referralCommandParams = z.object({ referralId: id, action: z.string().max(64) });
export const deskParams = z.object({ deskCode: id });

export const inboxQuery = z.object({
  deskCode: id.optional(),
  filter: z.enum(['PENDING', 'MINE', 'OVERDUE', 'ALL']).default('PENDING'),
  ...pageQuery,
});

export const createReferralBody = z.strictObject({
  idempotencyKey: z.string().regex(/^[\w.:-]{8,128}$/, 'expected 8-128 characters (a UUID)'),
  mediationId: id,
  caseId: id,
  kind: z.enum([
    'REFERRAL_KIND_AFTER_FAILED_MEDIATION',
    'REFERRAL_KIND_OUT_OF_SCOPE',
    'REFERRAL_KIND_RISK_ALERT',
  ]),
  institutionType: protoEnum(commonV1.InstitutionType),
  deskCode: z.string().max(64).default(''),
  remedy: protoEnum(commonV1.Remedy),
  handover,
});

export const entrustCaseBody = z.strictObject({
  idempotencyKey: z.string().regex(/^[\w.:-]{8,128}$/, 'expected 8-128 characters (a UUID)'),
  kind: z.enum([
    'REFERRAL_KIND_COURT_PRE_FILING',
    'REFERRAL_KIND_COURT_IN_LITIGATION',
    'REFERRAL_KIND_PETITION_HANDOVER',
    'REFERRAL_KIND_POLICE_HANDOVER',
    'REFERRAL_KIND_PROCURATORATE_HANDOVER',
  ]),
  institutionCode: id,
  deskCode: z.string().max(64).default(''),
  externalReference: text(128).default(''),
  orgUnitCode,
  category: protoEnum(commonV1.DisputeCategory),
  parties: z.array(party).min(2).max(50),
  peopleInvolved: z.number().int().min(1).max(100_000).optional(),
  amountInvolved: money.optional(),
  description: requiredText(5000),
  risk: risk.optional(),
  termDays: z.number().int().min(0).max(365).default(0),
  entrustedAt: timestamp.optional(),
  handover: handover.optional(),
});

export const deskStaffBody = z.strictObject({
  expectedVersion,
  staff: z
    .array(
      z.strictObject({
        lawyerId: id,
        displayName: requiredText(64),
        role: protoEnum(r.DeskStaffRole),
      }),
    )
    .max(100),
});

/** POST /api/v1/referrals/{referralId}/{action}: the stationed lawyer's commands. */
export const REFERRAL_COMMANDS: CommandTable<UnaryMethodName<'referral'>> = {
  claim: {
    rpc: 'claim',
    summary: 'Claim a pending referral (one lawyer wins a race)',
    body: z.strictObject({ expectedVersion }),
  },
  decline: {
    rpc: 'decline',
    summary: 'Decline: back to the sender, or on to another desk',
    body: z.strictObject({
      expectedVersion,
      reason: protoEnum(r.DeclineReason),
      note: text(2000).default(''),
      rerouteDeskCode: z.string().max(64).default(''),
    }),
  },
  work: {
    rpc: 'recordWork',
    summary: 'Record work done on a claimed referral',
    body: z.strictObject({
      expectedVersion,
      kind: protoEnum(r.WorkKind),
      performedAt: timestamp,
      durationMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(0),
      summary: requiredText(5000),
    }),
  },
  outcome: {
    rpc: 'recordOutcome',
    summary: 'Record the outcome (goes back to the sender)',
    body: z.strictObject({
      expectedVersion,
      outcome: protoEnum(commonV1.ReferralOutcome),
      note: text(5000).default(''),
      externalReference: text(128).default(''),
      decidedAt: timestamp.optional(),
    }),
  },
  return: {
    rpc: 'return',
    summary: 'Hand a claimed referral back unfinished',
    body: z.strictObject({
      expectedVersion,
      reason: protoEnum(r.ReturnReason),
      note: text(2000).default(''),
    }),
  },
};
