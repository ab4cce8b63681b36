import { commonV1, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { FieldProblem } from '@mediation/domain-kit';
import {
  validateMoney,
  validateOrgUnit,
  validatePeople,
  validateDisputeStart,
  validateRisk,
} from '../../validation/case-fields.validator';
import { DEFAULT_DATE_RULES, type DateRules } from '../../domain/date-windows';
import { INTAKE_LIMITS } from '../../domain/limits';
import { validateParties } from '../../validation/party.validator';
import { Violations } from '../../validation/violations';

/** The same rules as OpenCase, for the fields an amendment sets; a reason is required. */
export function validateAmendCase(
  req: intakeV1.AmendCaseRequest,
  directory: OrgDirectory,
  knownPartyIds: ReadonlySet<string>,
  now: Date = new Date(),
  dates: DateRules = DEFAULT_DATE_RULES,
): FieldProblem[] {
  const v = new Violations();
  v.text('reason', req.reason, { max: INTAKE_LIMITS.reason, required: true });
  const c = req.changes;
  const set = c
    ? Object.entries(c).filter(([, value]) => value !== undefined && value !== null)
    : [];
  if (!c || set.length === 0) {
    v.add('changes', 'at least one change is required');
    return v.list;
  }
  if (c.category != null) v.enumValue('changes.category', commonV1.DisputeCategory, c.category);
  if (c.description != null)
    v.text('changes.description', c.description, { max: INTAKE_LIMITS.description });
  if (c.orgUnitCode != null) validateOrgUnit(v, 'changes.org_unit_code', c.orgUnitCode, directory);
  if (c.peopleInvolved != null) validatePeople(v, 'changes.people_involved', c.peopleInvolved);
  validateMoney(v, 'changes.amount_involved', c.amountInvolved ?? null);
  validateRisk(v, 'changes.risk', c.risk ?? null);
  if (c.parties)
    validateParties(v, 'changes.parties.parties', c.parties.parties, now, knownPartyIds);
  validateDisputeStart(v, 'changes.dispute_started_at', c.disputeStartedAt ?? null, now, dates);
  return v.list;
}
