import type { Metadata } from '@grpc/grpc-js';
import type { mediationV1 } from '@mediation/contracts';
import { permissionDenied, requirePrincipal } from '@mediation/service-kit';
import { emptyRoster } from '../../domain';
import { mayReadRoster } from '../../roster/roster-access';
import { rosterHandler } from '../../roster/roster-command.runner';
import { rosterView } from '../../roster/roster-view.mapper';
import type { QueryDeps } from '../query-context';

/** A committee's roster with the art. 8 checks; version 0 and no members when none is kept yet. */
export async function getCommitteeRoster(
  deps: QueryDeps,
  req: mediationV1.GetCommitteeRosterRequest,
  metadata: Metadata,
): Promise<mediationV1.GetCommitteeRosterResponse> {
  const principal = requirePrincipal(metadata);
  const handler = rosterHandler(deps, req.committeeCode);
  if (!mayReadRoster(principal, handler, deps.directory))
    throw permissionDenied(`the roster of ${handler.code} is outside the caller's scope`);
  const loaded = await deps.rosters.load(handler.code);
  return {
    roster: rosterView(
      { ...(loaded?.state ?? emptyRoster(handler)), committee: handler },
      loaded?.version ?? 0,
    ),
  };
}
