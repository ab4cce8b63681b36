import { canAccessOrgUnit } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import { NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { ActorState } from './domain/case.entity';
import type { CaseRepository, StoredCase } from './persistence/case.repository';

/**
 * The scope rule of every case RPC: PERMISSION_DENIED, without saying anything about the case,
 * outside the caller's org subtree.
 */
export function assertCaseScope(
  principal: commonV1.Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
): void {
  if (!canAccessOrgUnit(principal, orgUnitCode, directory)) throw new NotPermittedError();
}

/** The case if the caller may see it: NOT_FOUND / PERMISSION_DENIED otherwise, with no data. */
export async function loadVisibleCase(
  cases: CaseRepository,
  directory: OrgDirectory,
  caseId: string,
  principal: commonV1.Principal,
): Promise<StoredCase> {
  const found = await cases.load(caseId);
  if (!found) throw new NotFoundError(`case ${caseId}`);
  assertCaseScope(principal, found.state.orgUnitCode, directory);
  return found;
}

/** Who did something, as events and timelines carry it (no names). */
export function actorOf(principal: commonV1.Principal): ActorState {
  return {
    subject: principal.subject,
    role: principal.roles[0] ?? 0,
    orgUnitCode: principal.orgUnitCode,
    displayName: principal.displayName,
  };
}
