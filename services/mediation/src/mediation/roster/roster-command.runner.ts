import type { Metadata } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { mediationV1 } from '@mediation/contracts';
import { AggregateExistsError } from '@mediation/persistence';
import {
  grpcError,
  invalidArgument,
  permissionDenied,
  requirePrincipal,
  type FieldViolation,
} from '@mediation/service-kit';
import { emptyRoster, type CommitteeRef, type CommitteeRoster } from '../domain';
import { handlerByCode } from '../mapping/committee-ref';
import type { QueryDeps } from '../queries/query-context';
import { mayMaintainRoster } from './roster-access';
import { rosterView } from './roster-view.mapper';

export interface RosterCommandRequest {
  committeeCode: string;
  expectedVersion: string;
}

/** The handler a committee code names (a committee or a reasoning point), or INVALID_ARGUMENT. */
export function rosterHandler(deps: QueryDeps, code: string): CommitteeRef {
  if (!code) throw invalidArgument([{ field: 'committee_code', description: 'is required' }]);
  const handler = handlerByCode(deps.directory, code);
  if (!handler)
    throw invalidArgument([
      { field: 'committee_code', description: `${code} is no committee or reasoning point` },
    ]);
  return handler;
}

/**
 * A roster edit: principal -> handler -> scope -> request checks (every violation at once) ->
 * load -> expected_version (0 = no roster yet) -> the domain change -> one version-guarded write.
 * Nothing is written when any check fails.
 */
export async function runRosterCommand(
  deps: QueryDeps,
  request: RosterCommandRequest,
  metadata: Metadata,
  validate: () => FieldViolation[],
  change: (roster: CommitteeRoster, now: Date) => CommitteeRoster,
): Promise<{ roster: mediationV1.CommitteeRoster }> {
  const principal = requirePrincipal(metadata);
  const handler = rosterHandler(deps, request.committeeCode);
  if (!mayMaintainRoster(principal, handler, deps.directory))
    throw permissionDenied(
      `the roster of ${handler.code} is kept by its committee admins, outside the caller's committee or scope`,
    );
  const expected = Number(request.expectedVersion);
  const violations: FieldViolation[] = [];
  if (!Number.isSafeInteger(expected) || expected < 0)
    violations.push({
      field: 'expected_version',
      description: 'must be the roster version last read (0 for a new roster)',
    });
  violations.push(...validate());
  if (violations.length > 0) throw invalidArgument(violations);
  const loaded = await deps.rosters.load(handler.code);
  const version = loaded?.version ?? 0;
  if (version !== expected)
    throw stale(`the roster of ${handler.code} is at version ${version}, not ${expected}`);
  const now = deps.clock();
  const changed = change(loaded?.state ?? emptyRoster(handler), now);
  changed.committee = handler;
  if (!loaded) {
    try {
      await deps.rosters.create(changed);
    } catch (error) {
      if (error instanceof AggregateExistsError)
        throw stale(`the roster of ${handler.code} was created meanwhile`);
      throw error;
    }
    return { roster: rosterView(changed, 1) };
  }
  const saved = await deps.rosters.save(loaded, changed);
  return { roster: rosterView(changed, saved.version) };
}

const stale = (why: string) => grpcError(status.ABORTED, `${why}: re-read and retry`);
