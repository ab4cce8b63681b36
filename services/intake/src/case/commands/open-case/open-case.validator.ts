import { commonV1, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { FieldProblem } from '@mediation/domain-kit';
import {
  validateMoney,
  validateOrgUnit,
  validatePeople,
  validateDisputeStart,
  validateEntrustedTerm,
  validateRisk,
} from '../../validation/case-fields.validator';
import { DEFAULT_DATE_RULES, type DateRules } from '../../domain/date-windows';
import { IDENTIFIER, INTAKE_LIMITS } from '../../domain/limits';
import { validateParties } from '../../validation/party.validator';
import { Violations } from '../../validation/violations';

const { Channel } = commonV1;

/**
 * Every problem of an OpenCase request, or none. Runs before anything is read or written, so a
 * rejected request leaves no trace (no case, no number allocated).
 */
export function validateOpenCase(
  req: intakeV1.OpenCaseRequest,
  directory: OrgDirectory,
  now: Date = new Date(),
  dates: DateRules = DEFAULT_DATE_RULES,
): FieldProblem[] {
  const v = new Violations();
  v.text('idempotency_key', req.idempotencyKey, {
    max: INTAKE_LIMITS.idempotencyKey,
    pattern: IDENTIFIER,
  });
  v.enumValue('source', commonV1.CaseSource, req.source);
  v.enumValue('channel', Channel, req.channel);
  v.enumValue(
    'platform_level',
    commonV1.PlatformLevel,
    req.platformLevel,
    req.channel === Channel.CHANNEL_WALK_IN,
  );
  if (req.channel === Channel.CHANNEL_REFERRAL) {
    if (!req.referringInstitution?.code)
      v.add('referring_institution', 'is required for CHANNEL_REFERRAL');
    else {
      v.text('referring_institution.code', req.referringInstitution.code, {
        max: 64,
        pattern: IDENTIFIER,
      });
      v.enumValue(
        'referring_institution.type',
        commonV1.InstitutionType,
        req.referringInstitution.type,
      );
    }
  }
  v.text('external_reference', req.externalReference, { max: INTAKE_LIMITS.externalReference });
  v.text('referral_id', req.referralId, { max: INTAKE_LIMITS.referralId, pattern: IDENTIFIER });
  validateOrgUnit(v, 'org_unit_code', req.orgUnitCode, directory);
  v.enumValue('category', commonV1.DisputeCategory, req.category);
  validateParties(v, 'parties', req.parties, now);
  validatePeople(v, 'people_involved', req.peopleInvolved);
  validateMoney(v, 'amount_involved', req.amountInvolved);
  v.text('description', req.description, { max: INTAKE_LIMITS.description });
  validateRisk(v, 'risk', req.risk);
  validateDisputeStart(v, 'dispute_started_at', req.disputeStartedAt, now, dates);
  validateEntrustedTerm(
    v,
    'entrusted_term_due_at',
    req.entrustedTermDueAt,
    req.disputeStartedAt,
    now,
  );
  return v.list;
}
