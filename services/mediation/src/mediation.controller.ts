import { Controller, Inject } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { mediationV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { NotPermittedError } from '@mediation/domain-kit';
import { CommandPipeline, type RpcCall, type VersionedRequest } from '@mediation/service-kit';
import type {
  CommandRequest,
  CommandSpec,
  RosterCommandSpec,
} from './mediation/commands/command-spec';
import { acceptCommand } from './mediation/commands/accept/accept.command';
import { rejectCommand } from './mediation/commands/reject/reject.command';
import { recordConsentCommand } from './mediation/commands/record-consent/record-consent.command';
import { recordRefusalCommand } from './mediation/commands/record-refusal/record-refusal.command';
import { assignMediatorsCommand } from './mediation/commands/assign-mediators/assign-mediators.command';
import { recordRecusalCommand } from './mediation/commands/record-recusal/record-recusal.command';
import { inviteParticipantsCommand } from './mediation/commands/invite-participants/invite-participants.command';
import { scheduleSessionCommand } from './mediation/commands/schedule-session/schedule-session.command';
import { recordSessionCommand } from './mediation/commands/record-session/record-session.command';
import { escalateCommand } from './mediation/commands/escalate/escalate.command';
import { transferCommand } from './mediation/commands/transfer/transfer.command';
import { reachAgreementCommand } from './mediation/commands/reach-agreement/reach-agreement.command';
import { proposeAgreementCommand } from './mediation/commands/propose-agreement/propose-agreement.command';
import { signAgreementCommand } from './mediation/commands/sign-agreement/sign-agreement.command';
import { respondToSessionCommand } from './mediation/commands/respond-to-session/respond-to-session.command';
import { failCommand } from './mediation/commands/fail/fail.command';
import { requestJudicialConfirmationCommand } from './mediation/commands/request-judicial-confirmation/request-judicial-confirmation.command';
import { recordConfirmationCommand } from './mediation/commands/record-confirmation/record-confirmation.command';
import { recordPerformanceCommand } from './mediation/commands/record-performance/record-performance.command';
import { recordFollowUpCommand } from './mediation/commands/record-follow-up/record-follow-up.command';
import { recordSatisfactionCommand } from './mediation/commands/record-satisfaction/record-satisfaction.command';
import { closeMediationCommand } from './mediation/commands/close-mediation/close-mediation.command';
import { reopenCommand } from './mediation/commands/reopen/reopen.command';
import { setRosterMemberCommand } from './mediation/commands/set-roster-member/set-roster-member.command';
import { deactivateRosterMemberCommand } from './mediation/commands/deactivate-roster-member/deactivate-roster-member.command';
import { getMediation } from './mediation/queries/get-mediation/get-mediation.query';
import { listWorkload } from './mediation/queries/list-workload/list-workload.query';
import { listBySubtree } from './mediation/queries/list-by-subtree/list-by-subtree.query';
import { listDeadlines } from './mediation/queries/list-deadlines/list-deadlines.query';
import { getAgreementDocument } from './mediation/queries/get-agreement-document/get-agreement-document.query';
import { exportCaseFile } from './mediation/queries/export-case-file/export-case-file.query';
import { getCommitteeRoster } from './mediation/queries/get-committee-roster/get-committee-roster.query';
import { MediationCommands } from './mediation/commands/mediation-commands';
import { AgreementDocumentStore } from './mediation/documents/agreement-document.store';
import { mayQuery } from './mediation/mediation-access';
import { MediationRepository } from './mediation/persistence/mediation.repository';
import { RosterRepository } from './mediation/persistence/roster.repository';
import type { ReadSources } from './mediation/queries/scoped-reads';
import { MEDIATION_OPTIONS, ORG_DIRECTORY, type MediationOptions } from './mediation.tokens';

/**
 * The gRPC surface: each method hands its request to the command pipeline, as a command on a
 * mediation, a roster edit or a query.
 */
@Controller()
@mediationV1.MediationServiceControllerMethods()
export class MediationController implements mediationV1.MediationServiceController {
  private readonly reads: ReadSources;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly commands: MediationCommands,
    private readonly mediations: MediationRepository,
    private readonly rosters: RosterRepository,
    documents: AgreementDocumentStore,
    @Inject(ORG_DIRECTORY) directory: OrgDirectory,
    @Inject(MEDIATION_OPTIONS) options: MediationOptions,
  ) {
    this.reads = { mediations, rosters, documents, directory, clock: options.clock };
  }

  accept(r: mediationV1.AcceptRequest, md: Metadata) {
    return this.onMediation(acceptCommand, r, md);
  }
  reject(r: mediationV1.RejectRequest, md: Metadata) {
    return this.onMediation(rejectCommand, r, md);
  }
  recordConsent(r: mediationV1.RecordConsentRequest, md: Metadata) {
    return this.onMediation(recordConsentCommand, r, md);
  }
  recordRefusal(r: mediationV1.RecordRefusalRequest, md: Metadata) {
    return this.onMediation(recordRefusalCommand, r, md);
  }
  assignMediators(r: mediationV1.AssignMediatorsRequest, md: Metadata) {
    return this.onMediation(assignMediatorsCommand, r, md);
  }
  recordRecusal(r: mediationV1.RecordRecusalRequest, md: Metadata) {
    return this.onMediation(recordRecusalCommand, r, md);
  }
  inviteParticipants(r: mediationV1.InviteParticipantsRequest, md: Metadata) {
    return this.onMediation(inviteParticipantsCommand, r, md);
  }
  scheduleSession(r: mediationV1.ScheduleSessionRequest, md: Metadata) {
    return this.onMediation(scheduleSessionCommand, r, md);
  }
  recordSession(r: mediationV1.RecordSessionRequest, md: Metadata) {
    return this.onMediation(recordSessionCommand, r, md);
  }
  escalate(r: mediationV1.EscalateRequest, md: Metadata) {
    return this.onMediation(escalateCommand, r, md);
  }
  transfer(r: mediationV1.TransferRequest, md: Metadata) {
    return this.onMediation(transferCommand, r, md);
  }
  reachAgreement(r: mediationV1.ReachAgreementRequest, md: Metadata) {
    return this.onMediation(reachAgreementCommand, r, md);
  }
  proposeAgreement(r: mediationV1.ProposeAgreementRequest, md: Metadata) {
    return this.onMediation(proposeAgreementCommand, r, md);
  }
  signAgreement(r: mediationV1.SignAgreementRequest, md: Metadata) {
    return this.onMediation(signAgreementCommand, r, md);
  }
  respondToSession(r: mediationV1.RespondToSessionRequest, md: Metadata) {
    return this.onMediation(respondToSessionCommand, r, md);
  }
  fail(r: mediationV1.FailRequest, md: Metadata) {
    return this.onMediation(failCommand, r, md);
  }
  requestJudicialConfirmation(r: mediationV1.RequestJudicialConfirmationRequest, md: Metadata) {
    return this.onMediation(requestJudicialConfirmationCommand, r, md);
  }
  recordConfirmation(r: mediationV1.RecordConfirmationRequest, md: Metadata) {
    return this.onMediation(recordConfirmationCommand, r, md);
  }
  recordPerformance(r: mediationV1.RecordPerformanceRequest, md: Metadata) {
    return this.onMediation(recordPerformanceCommand, r, md);
  }
  recordFollowUp(r: mediationV1.RecordFollowUpRequest, md: Metadata) {
    return this.onMediation(recordFollowUpCommand, r, md);
  }
  recordSatisfaction(r: mediationV1.RecordSatisfactionRequest, md: Metadata) {
    return this.onMediation(recordSatisfactionCommand, r, md);
  }
  closeMediation(r: mediationV1.CloseMediationRequest, md: Metadata) {
    return this.onMediation(closeMediationCommand, r, md);
  }
  reopen(r: mediationV1.ReopenRequest, md: Metadata) {
    return this.onMediation(reopenCommand, r, md);
  }
  setRosterMember(r: mediationV1.SetRosterMemberRequest, md: Metadata) {
    return this.onRoster(setRosterMemberCommand, r, md);
  }
  deactivateRosterMember(r: mediationV1.DeactivateRosterMemberRequest, md: Metadata) {
    return this.onRoster(deactivateRosterMemberCommand, r, md);
  }
  getMediation(r: mediationV1.GetMediationRequest, md: Metadata) {
    return this.query(md, (call) => getMediation(this.reads, r, call));
  }
  listWorkload(r: mediationV1.ListWorkloadRequest, md: Metadata) {
    return this.query(md, (call) => listWorkload(this.reads, r, call));
  }
  listBySubtree(r: mediationV1.ListBySubtreeRequest, md: Metadata) {
    return this.query(md, (call) => listBySubtree(this.reads, r, call));
  }
  listDeadlines(r: mediationV1.ListDeadlinesRequest, md: Metadata) {
    return this.query(md, (call) => listDeadlines(this.reads, r, call));
  }
  getAgreementDocument(r: mediationV1.GetAgreementDocumentRequest, md: Metadata) {
    return this.query(md, (call) => getAgreementDocument(this.reads, r, call));
  }
  exportCaseFile(r: mediationV1.ExportCaseFileRequest, md: Metadata) {
    return this.query(md, (call) => exportCaseFile(this.reads, r, call));
  }
  getCommitteeRoster(r: mediationV1.GetCommitteeRosterRequest, md: Metadata) {
    return this.query(md, (call) => getCommitteeRoster(this.reads, r, call));
  }

  /** Reads are staff's: a party reads its case through the gateway, never here. */
  private query<Res>(md: Metadata, run: (call: RpcCall) => Promise<Res>): Promise<Res> {
    return this.pipeline.query(md, (call) => {
      if (!mayQuery(call.principal))
        throw new NotPermittedError("a party reads its case through the parties' app");
      return run(call);
    });
  }

  private onMediation<Req extends CommandRequest, X, Res>(
    spec: CommandSpec<Req, X, Res>,
    request: Req,
    metadata: Metadata,
  ): Promise<Res> {
    const command = this.commands.mediation(spec);
    return this.pipeline.commandOn(
      this.mediations,
      command,
      request.mediationId,
      request,
      metadata,
    );
  }

  private onRoster<Req extends VersionedRequest & { committeeCode: string }>(
    spec: RosterCommandSpec<Req>,
    request: Req,
    metadata: Metadata,
  ) {
    const command = this.commands.roster(spec);
    return this.pipeline.commandOn(this.rosters, command, request.committeeCode, request, metadata);
  }
}
