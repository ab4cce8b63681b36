import type { mediationV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { mayReadRoster, rosterHandler } from '../../roster/roster-access';
import { rosterView } from '../../roster/roster-view.mapper';
import type { ReadSources } from '../scoped-reads';

/** A committee's roster with the art. 8 checks; version 0 and no members when none is kept yet. */
export async function getCommitteeRoster(
  sources: ReadSources,
  req: mediationV1.GetCommitteeRosterRequest,
  { principal }: RpcCall,
): Promise<mediationV1.GetCommitteeRosterResponse> {
  const handler = rosterHandler(sources.directory, req.committeeCode);
  if (!mayReadRoster(principal, handler, sources.directory))
    throw new NotPermittedError(`the roster of ${handler.code} is outside the caller's scope`);
  const loaded = await sources.rosters.load(handler.code);
  return {
    roster: rosterView(loaded?.state ?? sources.rosters.absent(handler.code), loaded?.version ?? 0),
  };
}
