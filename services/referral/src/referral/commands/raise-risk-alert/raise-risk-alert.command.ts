import { commonV1, derivedId, type intakeV1 } from '@mediation/contracts';
import { AggregateExistsError } from '@mediation/persistence';
import { eventTime } from '@mediation/service-kit';
import { createRiskAlert } from '../../domain/referral.factory';
import type { InstitutionType } from '../../domain/referral.types';
import type { LoadedReferral } from '../../persistence/referral.repository';
import { routeToDesk } from '../../routing/desk-routing';
import type { ReferralDeps } from '../../../referral.tokens';

const { RiskLevel, RiskFactor } = commonV1;

/**
 * Where an at-risk case (People's Mediation Law art. 25) is reported: the district's petition
 * desk when the risk is a mass petition only, otherwise the district police desk.
 */
export function alertTarget(factors: readonly commonV1.RiskFactor[]): InstitutionType {
  const massPetitionOnly =
    factors.includes(RiskFactor.RISK_FACTOR_MASS_PETITION) &&
    !factors.some((f) =>
      [
        RiskFactor.RISK_FACTOR_VIOLENCE,
        RiskFactor.RISK_FACTOR_CRIMINAL_ESCALATION,
        RiskFactor.RISK_FACTOR_SELF_HARM,
      ].includes(f),
    );
  return massPetitionOnly ? 'PETITION_OFFICE' : 'PUBLIC_SECURITY';
}

/**
 * A case flagged HIGH risk (at risk of turning violent) raises one alert per case and target
 * desk: a referral of kind RISK_ALERT in that desk's inbox with RiskAlertRaised, its history
 * being the audit trail of who saw and handled it.
 */
export async function raiseRiskAlert(
  deps: Pick<ReferralDeps, 'referrals' | 'clock' | 'policy' | 'directory' | 'backfillEnabled'>,
  caseId: string,
  facts: intakeV1.CaseFacts,
  trigger: {
    eventType: string;
    causationId: string;
    correlationId: string;
    occurredAt?: Date;
    backfilled?: boolean;
    /** Intake's number for the case, when known: read only for a case that raises an alert. */
    caseNumber?: () => Promise<string | undefined>;
  },
): Promise<LoadedReferral | null> {
  if (facts.riskLevel !== RiskLevel.RISK_LEVEL_HIGH) return null;
  const orgUnitCode = facts.orgUnit?.code ?? '';
  const type = alertTarget(facts.riskFactors);
  const desk = routeToDesk(deps.directory, type, orgUnitCode);
  // A backfilled case (old occurredAt, backfill on) raises its alert as of then.
  const time = eventTime(
    trigger.occurredAt,
    deps.clock(),
    deps.backfillEnabled,
    null,
    trigger.backfilled,
  );
  const now = time.at;
  const transition = createRiskAlert(
    {
      referralId: derivedId('risk-alert', caseId, type),
      caseId,
      mediationId: caseId,
      committee: facts.committee ?? null,
      desk,
      orgUnitCode,
      category: facts.category,
      caseNumber: await trigger.caseNumber?.(),
      riskLevel: facts.riskLevel,
      riskFactors: [...facts.riskFactors],
      peopleInvolved: facts.peopleInvolved,
      triggerEventType: trigger.eventType,
    },
    { now, actor: null, policy: deps.policy },
  );
  try {
    return await deps.referrals.create(transition, now, {
      causationId: trigger.causationId,
      correlationId: trigger.correlationId,
      ...(time.backfilled ? { backfillWrittenAt: deps.clock() } : {}),
    });
  } catch (error) {
    if (error instanceof AggregateExistsError) return null; // alerted before
    throw error;
  }
}
