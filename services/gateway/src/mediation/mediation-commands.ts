import { z } from '@mediation/config';
import {
  commonV1,
  mediationV1 as m,
  residentIdChecksumOk,
  type UnaryMethodName,
} from '@mediation/contracts';
import {
  expectedVersion,
  id,
  money,
  protoEnum,
  remedies,
  requiredText,
  text,
  timestamp,
} from '../validation/common.schemas';
import type { CommandTable } from '../validation/command-table';

const ids = z.array(id).max(50);
const note = text(2000).default('');

const obligation = z.strictObject({
  obligorPartyId: id,
  obligeePartyId: id,
  kind: protoEnum(m.ObligationKind),
  description: requiredText(2000),
  amount: money.optional(),
  manner: protoEnum(m.PerformanceManner),
  dueAt: timestamp.optional(),
  instalments: z
    .array(
      z.strictObject({ number: z.number().int().min(1).max(600), amount: money, dueAt: timestamp }),
    )
    .max(600)
    .default([]),
});

/**
 * A party as written on the 调解协议书 (art. 29: name, identity, address), linked to the case's
 * party by id. Personal data: forwarded to the mediation service only, never logged.
 */
const agreementParty = z
  .strictObject({
    partyId: id,
    kind: protoEnum(commonV1.PartyKind),
    role: protoEnum(commonV1.PartyRole),
    name: requiredText(100),
    idType: protoEnum(commonV1.IdType),
    idNumber: z.string().trim().toUpperCase().min(1, 'required').max(32),
    address: requiredText(200),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.idType === 'ID_TYPE_RESIDENT_ID_CARD' && !residentIdChecksumOk(p.idNumber))
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: 'not a valid resident ID number',
      });
    if (p.idType === 'ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE' && !/^[0-9A-Z]{18}$/.test(p.idNumber))
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: 'expected 18 characters' });
  });

const agreementParties = z
  .array(agreementParty)
  .max(50)
  .refine((l) => new Set(l.map((p) => p.partyId)).size === l.length, 'each party once')
  .default([]);

/** A written agreement's text (art. 29), recorded as reached or put to the parties to sign. */
const agreementText = {
  facts: requiredText(10_000),
  issues: requiredText(10_000),
  responsibilities: text(10_000).default(''),
  terms: z.strictObject({
    obligations: z.array(obligation).max(50).default([]),
    otherTerms: text(10_000).default(''),
  }),
  parties: agreementParties,
  statusMatters: z.array(protoEnum(m.StatusMatter)).max(3).default([]),
};

/**
 * POST /api/v1/mediations/{mediationId}/{action}: each action is one MediationService command
 * (every one carries expectedVersion). The table is also what the OpenAPI document lists.
 */
export const MEDIATION_COMMANDS: CommandTable<UnaryMethodName<'mediation'>> = {
  accept: {
    rpc: 'accept',
    summary: '受理 Accept',
    body: z.strictObject({ expectedVersion, note }),
  },
  reject: {
    rpc: 'reject',
    summary: '不予受理 Reject',
    body: z.strictObject({
      expectedVersion,
      reason: protoEnum(m.RejectionReason),
      note,
      remediesTold: remedies.default([]),
    }),
  },
  consents: {
    rpc: 'recordConsent',
    summary: 'Record a party’s consent',
    body: z.strictObject({
      expectedVersion,
      partyId: id,
      subject: protoEnum(m.ConsentSubject),
      subjectRef: z.string().max(128).default(''),
      method: protoEnum(m.ConsentMethod),
      note,
      givenAt: timestamp.optional(),
      termExtensionDays: z.number().int().min(0).max(365).default(0),
    }),
  },
  refusals: {
    rpc: 'recordRefusal',
    summary: 'Record a party’s refusal (stops mediation when it refuses mediation itself)',
    body: z.strictObject({
      expectedVersion,
      partyId: id,
      subject: protoEnum(m.ConsentSubject),
      subjectRef: z.string().max(128).default(''),
      method: protoEnum(m.ConsentMethod),
      reason: requiredText(2000),
      refusedAt: timestamp.optional(),
    }),
  },
  mediators: {
    rpc: 'assignMediators',
    summary:
      'Assign mediators from the holding committee’s roster (exactly one lead; a party’s choice is recorded)',
    body: z.strictObject({
      expectedVersion,
      mediators: z
        .array(
          z.strictObject({
            mediatorId: id,
            role: protoEnum(m.MediatorRole),
            chosenByParties: z.boolean().default(false),
            chosenByPartyId: id.optional(),
          }),
        )
        .min(1)
        .max(9)
        .refine(
          (l) => l.filter((x) => x.role === 'MEDIATOR_ROLE_LEAD').length === 1,
          'exactly one LEAD',
        ),
      recusedMediatorIds: ids.default([]),
      note,
    }),
  },
  recusals: {
    rpc: 'recordRecusal',
    summary: 'A party asks a mediator to step aside (off the case, never assigned to it again)',
    body: z.strictObject({
      expectedVersion,
      partyId: id,
      mediatorId: id,
      reason: requiredText(2000),
      method: protoEnum(m.ConsentMethod).optional(),
    }),
  },
  participants: {
    rpc: 'inviteParticipants',
    summary: 'Invite participants (relatives, neighbours, experts) with every party’s consent',
    body: z.strictObject({
      expectedVersion,
      participants: z
        .array(
          z.strictObject({
            name: requiredText(100),
            relation: protoEnum(m.ParticipantRelation),
            note,
            consentingPartyIds: ids.min(1),
          }),
        )
        .min(1)
        .max(20),
    }),
  },
  'schedule-session': {
    rpc: 'scheduleSession',
    summary: 'Schedule a session',
    body: z.strictObject({
      expectedVersion,
      scheduledAt: timestamp,
      location: requiredText(200),
      visibility: protoEnum(m.SessionVisibility),
      invitedPartyIds: ids.default([]),
      mediatorIds: ids.default([]),
      note,
    }),
  },
  'record-session': {
    rpc: 'recordSession',
    summary: 'Record a session that was held (or not)',
    body: z.strictObject({
      expectedVersion,
      sessionId: z.string().max(128).default(''),
      heldAt: timestamp,
      location: text(200).default(''),
      visibility: protoEnum(m.SessionVisibility),
      attendedPartyIds: ids.default([]),
      noShowPartyIds: ids.default([]),
      attendedParticipantIds: ids.default([]),
      durationMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .default(0),
      outcome: protoEnum(m.SessionOutcome),
      summary: text(5000).default(''),
      contactAttempts: z
        .array(
          z.strictObject({
            partyId: id,
            method: protoEnum(m.ContactMethod),
            attemptedAt: timestamp,
            reached: z.boolean(),
          }),
        )
        .max(50)
        .default([]),
    }),
  },
  escalate: {
    rpc: 'escalate',
    summary: 'Escalate one level up (or to an industry committee)',
    body: z.strictObject({
      expectedVersion,
      reason: protoEnum(m.EscalationReason),
      note,
      targetCommitteeCode: z.string().max(64).default(''),
    }),
  },
  transfer: {
    rpc: 'transfer',
    summary: 'Transfer sideways to another committee',
    body: z.strictObject({ expectedVersion, targetCommitteeCode: id, reason: requiredText(2000) }),
  },
  agreement: {
    rpc: 'reachAgreement',
    summary: 'Record the agreement with its terms',
    body: z.strictObject({
      expectedVersion,
      form: protoEnum(m.AgreementForm),
      ...agreementText,
      effectiveAt: timestamp.optional(),
      signedPartyIds: ids.default([]),
    }),
  },
  'agreement-proposal': {
    rpc: 'proposeAgreement',
    summary:
      'Put a written agreement to the parties to sign online in the party app (it takes effect ' +
      'with the last signature; a new proposal replaces an unsigned one)',
    body: z.strictObject({ expectedVersion, ...agreementText }),
  },
  fail: {
    rpc: 'fail',
    summary: '调解不成 Fail, telling the parties of other routes (optionally referring out)',
    body: z.strictObject({
      expectedVersion,
      reason: protoEnum(m.FailureReason),
      note,
      remediesTold: remedies.min(1),
      referralRequest: z
        .strictObject({
          institutionType: protoEnum(commonV1.InstitutionType),
          deskCode: z.string().max(64).default(''),
          remedy: protoEnum(commonV1.Remedy),
          summary: requiredText(5000),
          whatWasTried: text(5000).default(''),
        })
        .optional(),
    }),
  },
  'judicial-confirmation': {
    rpc: 'requestJudicialConfirmation',
    summary: 'Record the parties’ application for judicial confirmation',
    body: z.strictObject({
      expectedVersion,
      courtCode: id,
      appliedAt: timestamp,
      applicantPartyIds: ids.min(2),
      note,
    }),
  },
  confirmation: {
    rpc: 'recordConfirmation',
    summary: 'Record the court’s decision on confirmation',
    body: z
      .strictObject({
        expectedVersion,
        result: protoEnum(m.JudicialConfirmationResult),
        confirmationNumber: text(64).default(''),
        decidedAt: timestamp,
        decisionTermExtended: z.boolean().default(false),
        note,
        refusalReason: protoEnum(m.ConfirmationRefusalReason).optional(),
      })
      .refine(
        (b) =>
          !!b.refusalReason ===
          [
            'JUDICIAL_CONFIRMATION_RESULT_NOT_ACCEPTED',
            'JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED',
          ].includes(b.result),
        {
          path: ['refusalReason'],
          message: 'required with NOT_ACCEPTED or NOT_CONFIRMED, and only then',
        },
      ),
  },
  performance: {
    rpc: 'recordPerformance',
    summary: 'Record performance of an obligation or instalment',
    body: z.strictObject({
      expectedVersion,
      obligationId: id,
      instalmentNumber: z.number().int().min(0).max(600).default(0),
      status: protoEnum(m.PerformanceStatus),
      amountPaid: money.optional(),
      performedAt: timestamp.optional(),
      note,
    }),
  },
  'follow-ups': {
    rpc: 'recordFollowUp',
    summary: '回访 Record a follow-up visit',
    body: z.strictObject({
      expectedVersion,
      visitedAt: timestamp,
      method: protoEnum(m.ContactMethod),
      result: protoEnum(m.FollowUpResult),
      note,
      nextFollowUpAt: timestamp.optional(),
    }),
  },
  satisfaction: {
    rpc: 'recordSatisfaction',
    summary: 'Record a party’s satisfaction (1..5)',
    body: z.strictObject({
      expectedVersion,
      partyId: id,
      score: z.number().int().min(1).max(5),
      comment: text(2000).default(''),
    }),
  },
  close: {
    rpc: 'closeMediation',
    summary: 'Close the mediation',
    body: z.strictObject({
      expectedVersion,
      outcome: protoEnum(m.ClosureOutcome),
      preventedCriminalEscalation: z.boolean().default(false),
      preventedCriminalEscalationPersons: z.number().int().min(0).max(100_000).default(0),
      preventedMassPetition: z.boolean().default(false),
      preventedMassPetitionPersons: z.number().int().min(0).max(100_000).default(0),
      note,
    }),
  },
  reopen: {
    rpc: 'reopen',
    summary: 'Reopen (agreement not performed, dispute recurred)',
    body: z.strictObject({ expectedVersion, reason: protoEnum(m.ReopenReason), note }),
  },
};
