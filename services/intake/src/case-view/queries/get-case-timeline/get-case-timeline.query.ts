import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import { loadReadableCase } from '../../../case/case-access';
import type { CaseRepository } from '../../../case/persistence/case.repository';
import type { PiiProtector } from '../../../pii/pii-protector';
import { timelineEntry } from '../../mapping/timeline-entry.mapper';
import type { CaseViewStore } from '../../persistence/case-view.store';

/** GetCaseTimeline: every step of the case, from intake, mediation and referral, oldest first. */
export class GetCaseTimelineQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly store: CaseViewStore,
    private readonly pii: PiiProtector,
  ) {}

  async run(
    req: intakeV1.GetCaseTimelineRequest,
    call: RpcCall,
  ): Promise<intakeV1.GetCaseTimelineResponse> {
    // Whoever may read the case (its scope, a stationed lawyer through a referral at the desk, a
    // party whose phone is on it) may read its timeline, which carries no personal data; nobody
    // else learns it exists.
    await loadReadableCase(this.cases, this.directory, this.pii, req.caseId, call.principal);
    const steps = await this.store.steps(req.caseId);
    return { entries: steps.map(timelineEntry) };
  }
}
