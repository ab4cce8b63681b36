import { Controller } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { referralV1 } from '@mediation/contracts';
import { AssignDeskStaffHandler } from '../commands/assign-desk-staff/assign-desk-staff.handler';
import { ClaimReferralHandler } from '../commands/claim-referral/claim-referral.handler';
import { CreateReferralHandler } from '../commands/create-referral/create-referral.handler';
import { DeclineReferralHandler } from '../commands/decline-referral/decline-referral.handler';
import { EntrustCaseHandler } from '../commands/entrust-case/entrust-case.handler';
import { RecordOutcomeHandler } from '../commands/record-outcome/record-outcome.handler';
import { RecordWorkHandler } from '../commands/record-work/record-work.handler';
import { ReturnReferralHandler } from '../commands/return-referral/return-referral.handler';
import { GetReferralHandler } from '../queries/get-referral/get-referral.handler';
import { ListDeskStaffHandler } from '../queries/list-desk-staff/list-desk-staff.handler';
import { ListInboxHandler } from '../queries/list-inbox/list-inbox.handler';

/** mediation.referral.v1.ReferralService: each RPC is one handler in commands/ or queries/. */
@Controller()
@referralV1.ReferralServiceControllerMethods()
export class ReferralGrpcController implements referralV1.ReferralServiceController {
  constructor(
    private readonly createReferralHandler: CreateReferralHandler,
    private readonly entrustCaseHandler: EntrustCaseHandler,
    private readonly listInboxHandler: ListInboxHandler,
    private readonly getReferralHandler: GetReferralHandler,
    private readonly claimHandler: ClaimReferralHandler,
    private readonly declineHandler: DeclineReferralHandler,
    private readonly recordWorkHandler: RecordWorkHandler,
    private readonly recordOutcomeHandler: RecordOutcomeHandler,
    private readonly returnHandler: ReturnReferralHandler,
    private readonly assignDeskStaffHandler: AssignDeskStaffHandler,
    private readonly listDeskStaffHandler: ListDeskStaffHandler,
  ) {}

  createReferral(req: referralV1.CreateReferralRequest, md: Metadata) {
    return this.createReferralHandler.handle(req, md);
  }
  entrustCase(req: referralV1.EntrustCaseRequest, md: Metadata) {
    return this.entrustCaseHandler.handle(req, md);
  }
  listInbox(req: referralV1.ListInboxRequest, md: Metadata) {
    return this.listInboxHandler.handle(req, md);
  }
  getReferral(req: referralV1.GetReferralRequest, md: Metadata) {
    return this.getReferralHandler.handle(req, md);
  }
  claim(req: referralV1.ClaimRequest, md: Metadata) {
    return this.claimHandler.handle(req, md);
  }
  decline(req: referralV1.DeclineRequest, md: Metadata) {
    return this.declineHandler.handle(req, md);
  }
  recordWork(req: referralV1.RecordWorkRequest, md: Metadata) {
    return this.recordWorkHandler.handle(req, md);
  }
  recordOutcome(req: referralV1.RecordOutcomeRequest, md: Metadata) {
    return this.recordOutcomeHandler.handle(req, md);
  }
  return(req: referralV1.ReturnRequest, md: Metadata) {
    return this.returnHandler.handle(req, md);
  }
  assignDeskStaff(req: referralV1.AssignDeskStaffRequest, md: Metadata) {
    return this.assignDeskStaffHandler.handle(req, md);
  }
  listDeskStaff(req: referralV1.ListDeskStaffRequest, md: Metadata) {
    return this.listDeskStaffHandler.handle(req, md);
  }
}
