import { mayReadPii } from '@mediation/auth';
import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AggregateCommand, CommandCall } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf, assertCaseScope } from '../../case-access';
import type { CaseState } from '../../domain/case.entity';
import type { CaseDecision } from '../../domain/case-decision';
import { INTAKE_LIMITS } from '../../domain/limits';
import { withdrawCase } from '../../domain/withdrawal';
import { caseView } from '../../mapping/case-view.mapper';
import type { StoredCase } from '../../persistence/case.repository';
import { Violations } from '../../validation/violations';

/** WithdrawCase: a party ends the proceedings before the case is closed; a reason is required. */
export class WithdrawCaseCommand implements AggregateCommand<
  CaseState,
  intakeV1.WithdrawCaseRequest,
  CaseDecision,
  StoredCase,
  intakeV1.WithdrawCaseResponse
> {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly pii: PiiProtector,
  ) {}

  authorize(call: CommandCall, state: CaseState): void {
    assertCaseScope(call.principal, state.orgUnitCode, this.directory);
  }

  decide(state: CaseState, req: intakeV1.WithdrawCaseRequest, call: CommandCall): CaseDecision {
    const problems = new Violations();
    problems.text('reason', req.reason, { max: INTAKE_LIMITS.reason, required: true });
    return withdrawCase(
      state,
      { reason: req.reason, partyId: req.partyId, by: actorOf(call.principal), at: call.at },
      problems,
    );
  }

  respond(saved: StoredCase, _decision: CaseDecision, call: CommandCall) {
    const pii = mayReadPii(call.principal) ? this.pii : undefined;
    return { case: caseView(saved.id, saved.version, saved.state, pii) };
  }
}
