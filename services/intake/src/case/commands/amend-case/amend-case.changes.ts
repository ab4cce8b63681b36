import { fromTimestamp, type intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { CaseChanges } from '../../domain/amendment';
import { orgPlacement } from '../../mapping/org-placement';
import { toStoredParties } from '../../mapping/stored-parties';

/** The validated changes of an AmendCase request as the domain's: PII sealed, the unit placed. */
export function toCaseChanges(
  changes: intakeV1.CaseChanges,
  deps: { pii: PiiProtector; directory: OrgDirectory },
): CaseChanges {
  return {
    category: changes.category ?? undefined,
    description: changes.description ?? undefined,
    placement:
      changes.orgUnitCode != null ? orgPlacement(deps.directory, changes.orgUnitCode) : undefined,
    peopleInvolved: changes.peopleInvolved ?? undefined,
    amountFen:
      changes.amountInvolved != null ? Number(changes.amountInvolved.amountFen) : undefined,
    risk:
      changes.risk != null
        ? { level: changes.risk.level, factors: [...changes.risk.factors], note: changes.risk.note }
        : undefined,
    parties:
      changes.parties != null ? toStoredParties(changes.parties.parties, deps.pii) : undefined,
    disputeStartedAt:
      changes.disputeStartedAt != null ? fromTimestamp(changes.disputeStartedAt) : undefined,
  };
}
