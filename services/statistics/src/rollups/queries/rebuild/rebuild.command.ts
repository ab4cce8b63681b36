import type { Metadata } from '@grpc/grpc-js';
import { hasRole } from '@mediation/auth';
import { commonV1, statisticsV1, toTimestamp } from '@mediation/contracts';
import { invalidArgument, permissionDenied, requirePrincipal } from '@mediation/service-kit';
import type { ReadModelService, RebuildStatus } from '../../projection/read-model.service';

const STATE: Record<RebuildStatus['state'], statisticsV1.RebuildState> = {
  RUNNING: statisticsV1.RebuildState.REBUILD_STATE_RUNNING,
  COMPLETED: statisticsV1.RebuildState.REBUILD_STATE_COMPLETED,
  FAILED: statisticsV1.RebuildState.REBUILD_STATE_FAILED,
};

/** Replays the topics into a fresh read model, then switches to it (administrators only). */
export async function rebuild(
  readModel: ReadModelService,
  request: statisticsV1.RebuildRequest,
  metadata: Metadata,
): Promise<statisticsV1.RebuildResponse> {
  const principal = requirePrincipal(metadata);
  if (!hasRole(principal, commonV1.Role.ROLE_ADMINISTRATOR, commonV1.Role.ROLE_SERVICE))
    throw permissionDenied('only administrators may rebuild statistics');
  if (!request.confirm)
    throw invalidArgument([
      { field: 'confirm', description: 'must be true: the read model is replaced' },
    ]);
  const status = await readModel.startRebuild(request.wait);
  return {
    rebuildId: status.rebuildId,
    state: STATE[status.state],
    startedAt: toTimestamp(status.startedAt),
    finishedAt: status.finishedAt ? toTimestamp(status.finishedAt) : null,
    eventsApplied: String(status.eventsApplied),
    rollupDigest: status.digest,
  };
}
