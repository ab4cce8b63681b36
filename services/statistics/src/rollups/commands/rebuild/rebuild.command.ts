import { hasRole } from '@mediation/auth';
import { commonV1, statisticsV1, toTimestamp } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import type { CommandCall } from '@mediation/service-kit';
import type { ReadModelService, RebuildStatus } from '../../projection/read-model.service';

const STATE: Record<RebuildStatus['state'], statisticsV1.RebuildState> = {
  RUNNING: statisticsV1.RebuildState.REBUILD_STATE_RUNNING,
  COMPLETED: statisticsV1.RebuildState.REBUILD_STATE_COMPLETED,
  FAILED: statisticsV1.RebuildState.REBUILD_STATE_FAILED,
};

/**
 * Rebuild: replays the topics into a fresh read-model version, then switches queries to it. A
 * command with no aggregate (run by `CommandPipeline.command`): it replaces the read model and
 * records no events.
 */
export async function rebuild(
  readModel: ReadModelService,
  request: statisticsV1.RebuildRequest,
  call: CommandCall,
): Promise<statisticsV1.RebuildResponse> {
  authorize(call);
  if (!request.confirm)
    throw new InvalidInputError('confirm', 'must be true: the read model is replaced');
  return respond(await readModel.startRebuild(request.wait));
}

/** Administrators (and platform services) only: every figure is recounted. */
function authorize(call: CommandCall): void {
  if (!hasRole(call.principal, commonV1.Role.ROLE_ADMINISTRATOR, commonV1.Role.ROLE_SERVICE))
    throw new NotPermittedError('only administrators may rebuild statistics');
}

function respond(status: RebuildStatus): statisticsV1.RebuildResponse {
  return {
    rebuildId: status.rebuildId,
    state: STATE[status.state],
    startedAt: toTimestamp(status.startedAt),
    finishedAt: status.finishedAt ? toTimestamp(status.finishedAt) : null,
    eventsApplied: String(status.eventsApplied),
    rollupDigest: status.digest,
  };
}
