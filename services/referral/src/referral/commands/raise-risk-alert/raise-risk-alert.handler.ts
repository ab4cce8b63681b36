import { Inject, Injectable, Optional } from '@nestjs/common';
import { commonV1, derivedId, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { AggregateExistsError } from '@mediation/persistence';
import { eventTime } from '@mediation/service-kit';
import { BACKFILL_ENABLED } from '../../backfill';
import { createRiskAlert } from '../../domain/referral.factory';
import type { InstitutionType } from '../../domain/referral.types';
import type { SlaPolicy } from '../../domain/sla-policy';
import { ReferralRepository, type LoadedReferral } from '../../persistence/referral.repository';
import { CLOCK, ORG_DIRECTORY, SLA_POLICY, type Clock } from '../../referral.tokens';
import { routeToDesk } from '../../routing/desk-routing';

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
@Injectable()
export class RaiseRiskAlertHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLA_POLICY) private readonly policy: SlaPolicy,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Optional() @Inject(BACKFILL_ENABLED) private readonly backfillEnabled = false,
  ) {}

  async fromCaseFacts(
    caseId: string,
    facts: intakeV1.CaseFacts,
    trigger: { eventType: string; causationId: string; correlationId: string; occurredAt?: Date },
  ): Promise<LoadedReferral | null> {
    if (facts.riskLevel !== RiskLevel.RISK_LEVEL_HIGH) return null;
    const orgUnitCode = facts.orgUnit?.code ?? '';
    const type = alertTarget(facts.riskFactors);
    const desk = routeToDesk(this.directory, type, orgUnitCode);
    // A backfilled case (old occurredAt, backfill on) raises its alert as of then.
    const time = eventTime(trigger.occurredAt, this.clock(), this.backfillEnabled);
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
        riskLevel: facts.riskLevel,
        riskFactors: [...facts.riskFactors],
        peopleInvolved: facts.peopleInvolved,
        triggerEventType: trigger.eventType,
      },
      { now, actor: null, policy: this.policy },
    );
    try {
      return await this.referrals.create(transition, now, {
        causationId: trigger.causationId,
        correlationId: trigger.correlationId,
        ...(time.backfilled ? { backfillWrittenAt: this.clock() } : {}),
      });
    } catch (error) {
      if (error instanceof AggregateExistsError) return null; // alerted before
      throw error;
    }
  }
}
