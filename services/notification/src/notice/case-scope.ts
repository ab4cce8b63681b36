import { canAccessOrgUnit } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import { InvalidInputError, NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { NotificationDeps } from '../notification.tokens';
import type { CasePartiesDoc } from './persistence/case-parties.repository';

const ID = /^[\w-]{1,64}$/;

/**
 * The case as this service knows it, if the caller may see it: the same org-subtree rule as on
 * the case itself, over the unit it was registered at or the unit of the committee holding it now
 * (an escalation or transfer brings the new holder in). NOT_FOUND for a case whose registration
 * has not arrived here.
 */
export async function caseInScope(
  deps: NotificationDeps,
  caseId: string,
  principal: commonV1.Principal,
): Promise<CasePartiesDoc> {
  if (!ID.test(caseId)) throw new InvalidInputError('case_id: required, an id', 'case_id');
  const found = await deps.cases.get(caseId);
  if (!found?.orgUnitCode) throw new NotFoundError(`case ${caseId}`);
  const units = [found.orgUnitCode, found.holder?.orgUnitCode].filter((u): u is string => !!u);
  if (!units.some((u) => canAccessOrgUnit(principal, u, deps.directory)))
    throw new NotPermittedError();
  return found;
}
