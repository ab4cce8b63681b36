import { mayReadPii } from '@mediation/auth';
import type { intakeV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import { expectedVersion, type AggregateCommand, type CommandCall } from '@mediation/service-kit';
import type { IntakePolicy } from '../../../intake.tokens';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf, assertCaseScope } from '../../case-access';
import { amendCase } from '../../domain/amendment';
import type { CaseState } from '../../domain/case.entity';
import type { CaseDecision } from '../../domain/case-decision';
import { caseView } from '../../mapping/case-view.mapper';
import type { StoredCase } from '../../persistence/case.repository';
import { toCaseChanges } from './amend-case.changes';
import { validateAmendCase } from './amend-case.validator';

/** AmendCase: corrects a registered case before acceptance; the reason and changed fields are kept. */
export class AmendCaseCommand implements AggregateCommand<
  CaseState,
  intakeV1.AmendCaseRequest,
  CaseDecision,
  StoredCase,
  intakeV1.AmendCaseResponse
> {
  constructor(
    private readonly directory: OrgDirectory,
    private readonly pii: PiiProtector,
    private readonly policy: IntakePolicy,
  ) {}

  authorize(call: CommandCall, state: CaseState): void {
    assertCaseScope(call.principal, state.orgUnitCode, this.directory);
  }

  decide(state: CaseState, req: intakeV1.AmendCaseRequest, call: CommandCall): CaseDecision {
    const known = new Set(state.parties.map((p) => p.partyId));
    const problems = validateAmendCase(req, this.directory, known, call.at, this.policy.dates);
    if (problems.length) throw new InvalidInputError(problems);
    const changes = req.changes!;
    // Moving the case needs the scope of its new unit too; checked after validation, so that
    // an unknown unit is INVALID_ARGUMENT rather than PERMISSION_DENIED.
    if (changes.orgUnitCode != null)
      assertCaseScope(call.principal, changes.orgUnitCode, this.directory);
    return amendCase(
      state,
      // The pipeline loaded the case at exactly this version.
      expectedVersion(req.expectedVersion),
      {
        changes: toCaseChanges(changes, { pii: this.pii, directory: this.directory }),
        reason: req.reason,
        by: actorOf(call.principal),
        at: call.at,
      },
      { massDispute: this.policy.massDispute, hash: (t) => this.pii.hash(t) },
    );
  }

  respond(saved: StoredCase, _decision: CaseDecision, call: CommandCall) {
    const pii = mayReadPii(call.principal) ? this.pii : undefined;
    return { case: caseView(saved.id, saved.version, saved.state, pii) };
  }
}
