import { canAccessOrgUnit } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import { InvalidInputError, NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { NotificationDeps } from '../notification.tokens';
import type { CasePartiesDoc } from './persistence/case-parties.repository';

const ID = /^[\w-]{1,64}$/;

/**
 * The case as this service knows it, if the caller may see it: the same org-subtree rule as on
 * the case itself. NOT_FOUND for a case whose registration has not arrived here.
 */
export async function caseInScope(
  deps: NotificationDeps,
  caseId: string,
  principal: commonV1.Principal,
): Promise<CasePartiesDoc> {
  if (!ID.test(caseId)) throw new InvalidInputError('case_id: required, an id', 'case_id');
  const found = await deps.cases.get(caseId);
  if (!found) throw new NotFoundError(`case ${caseId}`);
  if (!canAccessOrgUnit(principal, found.orgUnitCode, deps.directory))
    throw new NotPermittedError();
  return found;
}
