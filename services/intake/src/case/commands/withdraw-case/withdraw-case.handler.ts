import { EVENT_TYPES, intakeV1 } from '@mediation/contracts';
import {
  assertNotBeforeLastStep,
  commandTime,
  failedPrecondition,
  invalidArgument,
} from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { actorOf } from '../../case-access';
import type { CallContext } from '../../call-context';
import { CASE_STATUS } from '../../domain/case.entity';
import type { CaseEvents } from '../../events/case-events';
import type { CaseRepository } from '../../persistence/case.repository';
import type { GetCaseHandler } from '../../queries/get-case/get-case.handler';
import { INTAKE_LIMITS } from '../../validation/limits';
import { Violations } from '../../validation/violations';
import { loadForCommand, savedView } from '../case-command';

/** Parties may end mediation at any time (People's Mediation Law art. 23): until it is closed. */
const WITHDRAWABLE = new Set([CASE_STATUS.REGISTERED, CASE_STATUS.ACCEPTED]);

export class WithdrawCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly reader: GetCaseHandler,
    private readonly events: CaseEvents,
    private readonly pii: PiiProtector,
    /** BACKFILL_ENABLED: administrators may date the withdrawal in the past (x-recorded-at). */
    private readonly backfillEnabled = false,
  ) {}

  async execute(
    req: intakeV1.WithdrawCaseRequest,
    ctx: CallContext,
  ): Promise<intakeV1.WithdrawCaseResponse> {
    const time = ctx.metadata
      ? commandTime(ctx.metadata, ctx.principal, { backfillEnabled: this.backfillEnabled })
      : { at: new Date(), backfilled: false };
    const loaded = await loadForCommand(this.reader, req.caseId, req.expectedVersion, ctx);
    const v = new Violations();
    v.text('reason', req.reason, { max: INTAKE_LIMITS.reason, required: true });
    if (req.partyId && !loaded.state.parties.some((p) => p.partyId === req.partyId))
      v.add('party_id', 'is not a party of this case');
    if (!v.ok) throw invalidArgument(v.list);
    if (!WITHDRAWABLE.has(loaded.state.status))
      throw failedPrecondition('the case is already closed, rejected or withdrawn');

    assertNotBeforeLastStep(time, loaded.state.updatedAt, `case ${loaded.id}`);
    const now = time.at;
    await this.cases.aggregates.save(
      loaded,
      {
        $set: {
          status: CASE_STATUS.WITHDRAWN,
          withdrawnAt: now,
          withdrawalReason: req.reason,
          updatedAt: now,
        },
      },
      [
        this.events.event(
          EVENT_TYPES.CaseWithdrawn.type,
          intakeV1.CaseWithdrawn.fromPartial({
            caseId: loaded.id,
            requestedByPartyId: req.partyId,
            withdrawnBy: actorOf(ctx.principal),
          }),
          {
            caseId: loaded.id,
            orgUnitCode: loaded.state.orgUnitCode,
            correlationId: ctx.correlationId,
            occurredAt: now,
          },
        ),
      ],
    );
    return { case: await savedView(this.cases, loaded.id, ctx, this.pii) };
  }
}
