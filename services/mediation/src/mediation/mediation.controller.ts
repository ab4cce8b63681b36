import { Controller, Inject } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { mediationV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { acceptCommand } from './commands/accept/accept.command';
import { assignMediatorsCommand } from './commands/assign-mediators/assign-mediators.command';
import { closeMediationCommand } from './commands/close-mediation/close-mediation.command';
import { deactivateRosterMemberCommand } from './commands/deactivate-roster-member/deactivate-roster-member.command';
import { escalateCommand } from './commands/escalate/escalate.command';
import { failCommand } from './commands/fail/fail.command';
import { inviteParticipantsCommand } from './commands/invite-participants/invite-participants.command';
import { MediationCommandPipeline } from './commands/mediation-command.pipeline';
import { reachAgreementCommand } from './commands/reach-agreement/reach-agreement.command';
import { recordConfirmationCommand } from './commands/record-confirmation/record-confirmation.command';
import { recordConsentCommand } from './commands/record-consent/record-consent.command';
import { recordFollowUpCommand } from './commands/record-follow-up/record-follow-up.command';
import { recordPerformanceCommand } from './commands/record-performance/record-performance.command';
import { recordRecusalCommand } from './commands/record-recusal/record-recusal.command';
import { recordRefusalCommand } from './commands/record-refusal/record-refusal.command';
import { recordSatisfactionCommand } from './commands/record-satisfaction/record-satisfaction.command';
import { recordSessionCommand } from './commands/record-session/record-session.command';
import { rejectCommand } from './commands/reject/reject.command';
import { reopenCommand } from './commands/reopen/reopen.command';
import { requestJudicialConfirmationCommand } from './commands/request-judicial-confirmation/request-judicial-confirmation.command';
import { scheduleSessionCommand } from './commands/schedule-session/schedule-session.command';
import { setRosterMemberCommand } from './commands/set-roster-member/set-roster-member.command';
import { transferCommand } from './commands/transfer/transfer.command';
import { AgreementDocumentStore } from './documents/agreement-document.store';
import { MEDIATION_OPTIONS, type MediationOptions } from './mediation.tokens';
import { ORG_DIRECTORY } from './mediation.providers';
import { MediationStore } from './persistence/mediation-store';
import { RosterRepository } from './persistence/roster.repository';
import { exportCaseFile } from './queries/export-case-file/export-case-file.query';
import { getAgreementDocument } from './queries/get-agreement-document/get-agreement-document.query';
import { getCommitteeRoster } from './queries/get-committee-roster/get-committee-roster.query';
import { getMediation } from './queries/get-mediation/get-mediation.query';
import { listBySubtree } from './queries/list-by-subtree/list-by-subtree.query';
import { listDeadlines } from './queries/list-deadlines/list-deadlines.query';
import { listWorkload } from './queries/list-workload/list-workload.query';
import { toRpcError } from './commands/rpc-errors';
import type { QueryDeps } from './queries/query-context';

const M = mediationV1;

/** The gRPC surface: each method hands its request to the command pipeline or a query. */
@Controller()
@M.MediationServiceControllerMethods()
export class MediationController {
  private readonly deps: QueryDeps;

  constructor(
    private readonly pipeline: MediationCommandPipeline,
    store: MediationStore,
    documents: AgreementDocumentStore,
    rosters: RosterRepository,
    @Inject(ORG_DIRECTORY) directory: OrgDirectory,
    @Inject(MEDIATION_OPTIONS) options: MediationOptions,
  ) {
    this.deps = { store, directory, documents, rosters, clock: options.clock };
  }

  accept(r: mediationV1.AcceptRequest, md: Metadata) {
    return this.pipeline.execute(acceptCommand, r, md);
  }
  reject(r: mediationV1.RejectRequest, md: Metadata) {
    return this.pipeline.execute(rejectCommand, r, md);
  }
  recordConsent(r: mediationV1.RecordConsentRequest, md: Metadata) {
    return this.pipeline.execute(recordConsentCommand, r, md);
  }
  recordRefusal(r: mediationV1.RecordRefusalRequest, md: Metadata) {
    return this.pipeline.execute(recordRefusalCommand, r, md);
  }
  assignMediators(r: mediationV1.AssignMediatorsRequest, md: Metadata) {
    return this.pipeline.execute(assignMediatorsCommand, r, md);
  }
  recordRecusal(r: mediationV1.RecordRecusalRequest, md: Metadata) {
    return this.pipeline.execute(recordRecusalCommand, r, md);
  }
  inviteParticipants(r: mediationV1.InviteParticipantsRequest, md: Metadata) {
    return this.pipeline.execute(inviteParticipantsCommand, r, md);
  }
  scheduleSession(r: mediationV1.ScheduleSessionRequest, md: Metadata) {
    return this.pipeline.execute(scheduleSessionCommand, r, md);
  }
  recordSession(r: mediationV1.RecordSessionRequest, md: Metadata) {
    return this.pipeline.execute(recordSessionCommand, r, md);
  }
  escalate(r: mediationV1.EscalateRequest, md: Metadata) {
    return this.pipeline.execute(escalateCommand, r, md);
  }
  transfer(r: mediationV1.TransferRequest, md: Metadata) {
    return this.pipeline.execute(transferCommand, r, md);
  }
  reachAgreement(r: mediationV1.ReachAgreementRequest, md: Metadata) {
    return this.pipeline.execute(reachAgreementCommand, r, md);
  }
  fail(r: mediationV1.FailRequest, md: Metadata) {
    return this.pipeline.execute(failCommand, r, md);
  }
  requestJudicialConfirmation(r: mediationV1.RequestJudicialConfirmationRequest, md: Metadata) {
    return this.pipeline.execute(requestJudicialConfirmationCommand, r, md);
  }
  recordConfirmation(r: mediationV1.RecordConfirmationRequest, md: Metadata) {
    return this.pipeline.execute(recordConfirmationCommand, r, md);
  }
  recordPerformance(r: mediationV1.RecordPerformanceRequest, md: Metadata) {
    return this.pipeline.execute(recordPerformanceCommand, r, md);
  }
  recordFollowUp(r: mediationV1.RecordFollowUpRequest, md: Metadata) {
    return this.pipeline.execute(recordFollowUpCommand, r, md);
  }
  recordSatisfaction(r: mediationV1.RecordSatisfactionRequest, md: Metadata) {
    return this.pipeline.execute(recordSatisfactionCommand, r, md);
  }
  closeMediation(r: mediationV1.CloseMediationRequest, md: Metadata) {
    return this.pipeline.execute(closeMediationCommand, r, md);
  }
  reopen(r: mediationV1.ReopenRequest, md: Metadata) {
    return this.pipeline.execute(reopenCommand, r, md);
  }

  getMediation(r: mediationV1.GetMediationRequest, md: Metadata) {
    return this.query(() => getMediation(this.deps, r, md));
  }
  listWorkload(r: mediationV1.ListWorkloadRequest, md: Metadata) {
    return this.query(() => listWorkload(this.deps, r, md));
  }
  listBySubtree(r: mediationV1.ListBySubtreeRequest, md: Metadata) {
    return this.query(() => listBySubtree(this.deps, r, md));
  }
  listDeadlines(r: mediationV1.ListDeadlinesRequest, md: Metadata) {
    return this.query(() => listDeadlines(this.deps, r, md));
  }
  getAgreementDocument(r: mediationV1.GetAgreementDocumentRequest, md: Metadata) {
    return this.query(() => getAgreementDocument(this.deps, r, md));
  }
  exportCaseFile(r: mediationV1.ExportCaseFileRequest, md: Metadata) {
    return this.query(() => exportCaseFile(this.deps, r, md));
  }

  setRosterMember(r: mediationV1.SetRosterMemberRequest, md: Metadata) {
    return this.query(() => setRosterMemberCommand(this.deps, r, md));
  }
  deactivateRosterMember(r: mediationV1.DeactivateRosterMemberRequest, md: Metadata) {
    return this.query(() => deactivateRosterMemberCommand(this.deps, r, md));
  }
  getCommitteeRoster(r: mediationV1.GetCommitteeRosterRequest, md: Metadata) {
    return this.query(() => getCommitteeRoster(this.deps, r, md));
  }

  private async query<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toRpcError(error);
    }
  }
}
