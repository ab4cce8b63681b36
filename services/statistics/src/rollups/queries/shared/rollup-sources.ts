import type { OrgDirectory } from '@mediation/org-directory';
import type { ReadModelService } from '../../projection/read-model.service';

/** What the figure queries read: the serving read-model version's rollups and the org directory. */
export interface RollupSources {
  readModel: ReadModelService;
  directory: OrgDirectory;
}
