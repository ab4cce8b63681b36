import type { OrgDirectory } from '@mediation/org-directory';
import type { ReadModelService } from '../../projection/read-model.service';

/** What every query needs: the active read model and the org directory. */
export interface QueryContext {
  readModel: ReadModelService;
  directory: OrgDirectory;
}
