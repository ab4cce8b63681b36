import { Controller, Inject } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { referralV1 } from '@mediation/contracts';
import { CommandPipeline, type VersionedRequest } from '@mediation/service-kit';
import { assignDeskStaff } from './referral/commands/assign-desk-staff/assign-desk-staff.command';
import { claimReferral } from './referral/commands/claim-referral/claim-referral.command';
import { createReferral } from './referral/commands/create-referral/create-referral.command';
import type { ReferralCommand } from './referral/commands/desk-lawyer-step';
import { declineReferral } from './referral/commands/decline-referral/decline-referral.command';
import { entrustCase } from './referral/commands/entrust-case/entrust-case.command';
import { recordReferralOutcome } from './referral/commands/record-outcome/record-outcome.command';
import { recordReferralWork } from './referral/commands/record-work/record-work.command';
import { returnReferral } from './referral/commands/return-referral/return-referral.command';
import { getReferral } from './referral/queries/get-referral/get-referral.query';
import { listDeskStaff } from './referral/queries/list-desk-staff/list-desk-staff.query';
import { listInbox } from './referral/queries/list-inbox/list-inbox.query';
import { REFERRAL_DEPS, type ReferralDeps } from './referral.tokens';

/** mediation.referral.v1.ReferralService: each RPC is one command or query through the pipeline. */
@Controller()
@referralV1.ReferralServiceControllerMethods()
export class ReferralController implements referralV1.ReferralServiceController {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(REFERRAL_DEPS) private readonly deps: ReferralDeps,
  ) {}

  createReferral(req: referralV1.CreateReferralRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => createReferral(this.deps, req, call));
  }
  entrustCase(req: referralV1.EntrustCaseRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => entrustCase(this.deps, req, call));
  }
  listInbox(req: referralV1.ListInboxRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => listInbox(this.deps, req, call));
  }
  getReferral(req: referralV1.GetReferralRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => getReferral(this.deps, req, call));
  }
  claim(req: referralV1.ClaimRequest, md: Metadata) {
    return this.onReferral(claimReferral(this.deps), req, md);
  }
  decline(req: referralV1.DeclineRequest, md: Metadata) {
    return this.onReferral(declineReferral(this.deps), req, md);
  }
  recordWork(req: referralV1.RecordWorkRequest, md: Metadata) {
    return this.onReferral(recordReferralWork(this.deps), req, md);
  }
  recordOutcome(req: referralV1.RecordOutcomeRequest, md: Metadata) {
    return this.onReferral(recordReferralOutcome(this.deps), req, md);
  }
  return(req: referralV1.ReturnRequest, md: Metadata) {
    return this.onReferral(returnReferral(this.deps), req, md);
  }
  assignDeskStaff(req: referralV1.AssignDeskStaffRequest, md: Metadata) {
    return this.pipeline.commandOn(
      this.deps.rosters,
      assignDeskStaff(this.deps),
      req.deskCode,
      req,
      md,
    );
  }
  listDeskStaff(req: referralV1.ListDeskStaffRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => listDeskStaff(this.deps, req, call));
  }

  /** A command on an existing referral: the ReferralRepository is the pipeline's target. */
  private onReferral<Req extends VersionedRequest & { referralId: string }, Res>(
    command: ReferralCommand<Req, Res>,
    req: Req,
    md: Metadata,
  ): Promise<Res> {
    return this.pipeline.commandOn(this.deps.referrals, command, req.referralId, req, md);
  }
}
