import { ConcurrencyError } from '@mediation/persistence';
import type { intakeV1 } from '@mediation/contracts';
import { invalidArgument, notFound } from '@mediation/service-kit';
import type { PiiProtector } from '../../pii/pii-protector';
import { caseView } from '../case-view.mapper';
import type { CallContext } from '../call-context';
import type { GetCaseHandler } from '../queries/get-case/get-case.handler';
import type { CaseRepository, StoredCase } from '../persistence/case.repository';

/**
 * Loads the case a command acts on, inside the caller's scope, at the version the caller saw:
 * a stale expected_version is ABORTED before any decision is taken on outdated state.
 */
export async function loadForCommand(
  cases: GetCaseHandler,
  caseId: string,
  expectedVersion: string,
  ctx: CallContext,
): Promise<StoredCase> {
  const expected = Number(expectedVersion);
  if (!/^\d{1,15}$/.test(String(expectedVersion)) || expected < 1)
    throw invalidArgument([
      { field: 'expected_version', description: 'must be a positive version' },
    ]);
  const loaded = await cases.load(caseId, ctx);
  if (loaded.version !== expected) throw new ConcurrencyError(loaded.id, expected);
  return loaded;
}

/** The case as saved by a command, as the caller may see it. */
export async function savedView(
  cases: CaseRepository,
  caseId: string,
  ctx: CallContext,
  pii: PiiProtector,
): Promise<intakeV1.Case> {
  const saved = await cases.aggregates.load(caseId);
  if (!saved) throw notFound(`case ${caseId}`);
  return caseView(saved.id, saved.version, saved.state, ctx.revealPii ? pii : undefined);
}
