import { EVENT_TYPES, intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  assertNotBeforeLastStep,
  commandTime,
  failedPrecondition,
  invalidArgument,
} from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf, assertOrgAccess } from '../../case-access';
import type { CallContext } from '../../call-context';
import { CASE_STATUS, type AmendmentState } from '../../domain/case.entity';
import type { CaseEvents } from '../../events/case-events';
import { caseFacts } from '../../events/case-facts';
import type { CaseRepository } from '../../persistence/case.repository';
import type { GetCaseHandler } from '../../queries/get-case/get-case.handler';
import { loadForCommand, savedView } from '../case-command';
import type { OpenCasePolicy } from '../open-case/open-case.handler';
import { applyChanges } from './amend-case.changes';
import { validateAmendCase } from './amend-case.validator';

/** Corrects a registered case before acceptance; the reason and changed fields are kept. */
export class AmendCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly reader: GetCaseHandler,
    private readonly events: CaseEvents,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
    private readonly policy: OpenCasePolicy,
  ) {}

  async execute(
    req: intakeV1.AmendCaseRequest,
    ctx: CallContext,
  ): Promise<intakeV1.AmendCaseResponse> {
    const time = ctx.metadata
      ? commandTime(ctx.metadata, ctx.principal, {
          backfillEnabled: this.policy.backfillEnabled ?? false,
        })
      : { at: new Date(), backfilled: false };
    const loaded = await loadForCommand(this.reader, req.caseId, req.expectedVersion, ctx);
    const known = new Set(loaded.state.parties.map((p) => p.partyId));
    const violations = validateAmendCase(req, this.directory, known, time.at, this.policy.dates);
    if (violations.length) throw invalidArgument(violations);
    if (req.changes!.orgUnitCode != null)
      assertOrgAccess(ctx.principal, req.changes!.orgUnitCode, this.directory);
    if (loaded.state.status !== CASE_STATUS.REGISTERED)
      throw failedPrecondition('only a registered case (not yet accepted) can be amended');

    const { set, changed } = applyChanges(loaded.state, req.changes!, {
      pii: this.pii,
      directory: this.directory,
      policy: this.policy,
    });
    assertNotBeforeLastStep(time, loaded.state.updatedAt, `case ${loaded.id}`);
    const now = time.at;
    const amendment: AmendmentState = {
      amendedAt: now,
      amendedBy: actorOf(ctx.principal),
      reason: req.reason,
      changedFields: changed,
      version: loaded.version + 1,
    };
    const after = { ...loaded.state, ...set };
    await this.cases.aggregates.save(
      loaded,
      { $set: { ...set, updatedAt: now }, $push: { amendments: amendment } },
      [
        this.events.event(
          EVENT_TYPES.CaseAmended.type,
          intakeV1.CaseAmended.fromPartial({
            caseId: loaded.id,
            facts: caseFacts(after),
            changedFields: changed,
            amendedBy: amendment.amendedBy,
          }),
          {
            caseId: loaded.id,
            orgUnitCode: after.orgUnitCode,
            correlationId: ctx.correlationId,
            occurredAt: now,
          },
        ),
      ],
    );
    return { case: await savedView(this.cases, loaded.id, ctx, this.pii) };
  }
}
