import { commonV1, type intakeV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { CommandCall } from '@mediation/service-kit';
import type { CaseViewProjection } from '../../events/case-view.projection';
import type { CaseViewStore } from '../../persistence/case-view.store';

const MAY_REBUILD = [commonV1.Role.ROLE_ADMINISTRATOR, commonV1.Role.ROLE_SERVICE];

/**
 * RebuildCaseViews (administrators and platform services): starts a new view generation. Every
 * case's progress and the timeline are emptied; every replica's consumer moves to the new
 * generation's group within a poll and replays the topics from the beginning.
 */
export class RebuildCaseViewsCommand {
  constructor(
    private readonly store: CaseViewStore,
    private readonly projection: CaseViewProjection,
  ) {}

  async execute(
    _req: intakeV1.RebuildCaseViewsRequest,
    call: CommandCall,
  ): Promise<intakeV1.RebuildCaseViewsResponse> {
    if (!call.principal.roles.some((r) => MAY_REBUILD.includes(r)))
      throw new NotPermittedError('only administrators may rebuild the case views');
    const { casesReset } = await this.store.startGeneration();
    this.projection.kick();
    return { casesReset: String(casesReset) };
  }
}
