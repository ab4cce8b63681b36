import { commonV1, fromTimestamp, referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { Actor, CommitteeRef, FiledReferral, ReferralOutcomeInput } from '../domain';

const { ReferralDirection, ReferralKind } = referralV1;
const { HandlingLevel } = commonV1;

/**
 * Outbound referrals that can stand for the mediation itself: those made after 调解不成. An
 * OUT_OF_SCOPE referral, a risk alert or an entrustment never closes a mediation.
 */
const CLOSING_KINDS: readonly referralV1.ReferralKind[] = [
  ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
];

export interface ReferralOutcome {
  mediationId: string;
  input: ReferralOutcomeInput;
  /** The stationed lawyer who recorded it (the timeline's "who"). */
  actor: Actor;
}

/** ReferralCreated of an outbound referral: which mediation it names, and what it is. */
export function filedReferralFrom(
  event: referralV1.ReferralCreated,
  occurredAt: Date,
): { mediationId: string; referral: FiledReferral } | null {
  const ctx = event.context;
  if (!ctx?.referralId || ctx.direction !== ReferralDirection.REFERRAL_DIRECTION_OUTBOUND)
    return null;
  const mediationId = ctx.mediationId || ctx.caseId;
  if (!mediationId) return null;
  return {
    mediationId,
    referral: {
      referralId: ctx.referralId,
      afterFailedMediation: CLOSING_KINDS.includes(ctx.kind),
      filedAt: occurredAt,
    },
  };
}

/**
 * ReferralOutcomeRecorded as the mediation's step input, or null when it does not concern a
 * mediation: inbound (entrusted) referrals report to their institution through
 * EntrustmentResultReported, risk alerts are the desk's own business.
 */
export function referralOutcomeFrom(
  event: referralV1.ReferralOutcomeRecorded,
  directory: OrgDirectory,
): ReferralOutcome | null {
  const ctx = event.context;
  if (!ctx?.referralId || ctx.direction !== ReferralDirection.REFERRAL_DIRECTION_OUTBOUND)
    return null;
  if (!CLOSING_KINDS.includes(ctx.kind)) return null;
  const mediationId = ctx.mediationId || ctx.caseId;
  if (!mediationId) return null;
  const institutionCode = ctx.institution?.code || ctx.desk?.institutionCode || '';
  const institution = directory.findInstitution(institutionCode);
  const deskCode = ctx.desk?.code ?? '';
  const desk = directory.findDesk(deskCode);
  const unitCode = institution?.orgUnitCode ?? ctx.orgUnit?.code ?? '';
  const unitLevel = directory.lookup(unitCode)?.level;
  const where: CommitteeRef | null =
    deskCode && institution
      ? {
          code: deskCode,
          orgUnitCode: institution.orgUnitCode,
          level:
            unitLevel === 'CITY'
              ? HandlingLevel.HANDLING_LEVEL_CITY
              : HandlingLevel.HANDLING_LEVEL_DISTRICT,
        }
      : null;
  const actor = ctx.actor;
  return {
    mediationId,
    input: {
      referralId: ctx.referralId,
      outcome: event.outcome,
      institution: {
        code: institutionCode,
        type: ctx.institution?.type || ctx.desk?.institutionType || 0,
      },
      deskCode,
      externalReference: event.externalReference,
      decidedAt: event.decidedAt ? fromTimestamp(event.decidedAt) : null,
      desk: where,
    },
    actor: {
      subject: actor?.subject ?? '',
      role: actor?.role ?? 0,
      orgUnitCode: actor?.orgUnitCode || (institution?.orgUnitCode ?? ''),
      // The institution's and desk's names (not personal data); the lawyer's name is not in events.
      displayName: [institution?.name, desk?.name].filter(Boolean).join(' ') || deskCode,
    },
  };
}
