import type { Metadata } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { intakeV1 } from '@mediation/contracts';
import { CommandPipeline } from '@mediation/service-kit';
import { AmendCaseCommand } from './case/commands/amend-case/amend-case.command';
import { OpenCaseCommand } from './case/commands/open-case/open-case.command';
import { WithdrawCaseCommand } from './case/commands/withdraw-case/withdraw-case.command';
import { CaseRepository } from './case/persistence/case.repository';
import { RebuildCaseViewsCommand } from './case-view/commands/rebuild-case-views/rebuild-case-views.command';
import { GetCaseTimelineQuery } from './case-view/queries/get-case-timeline/get-case-timeline.query';
import { GetCaseQuery } from './case/queries/get-case/get-case.query';
import { GetPartyContactsQuery } from './case/queries/get-party-contacts/get-party-contacts.query';
import { ListCasesQuery } from './case/queries/list-cases/list-cases.query';
import { AttachDocumentCommand } from './document/commands/attach-document/attach-document.command';
import { GetDocumentQuery } from './document/queries/get-document/get-document.query';
import { ListDocumentsQuery } from './document/queries/list-documents/list-documents.query';
import { ListReadAuditQuery } from './read-audit/queries/list-read-audit/list-read-audit.query';
import { RecordDownloadCommand } from './read-audit/commands/record-download/record-download.command';

/** The gRPC surface: each method hands its request to a command or a query through the pipeline. */
@Controller()
@intakeV1.IntakeServiceControllerMethods()
export class IntakeController implements intakeV1.IntakeServiceController {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly cases: CaseRepository,
    private readonly openCaseCommand: OpenCaseCommand,
    private readonly amendCaseCommand: AmendCaseCommand,
    private readonly withdrawCaseCommand: WithdrawCaseCommand,
    private readonly attachDocumentCommand: AttachDocumentCommand,
    private readonly getCaseQuery: GetCaseQuery,
    private readonly listCasesQuery: ListCasesQuery,
    private readonly getDocumentQuery: GetDocumentQuery,
    private readonly listDocumentsQuery: ListDocumentsQuery,
    private readonly getCaseTimelineQuery: GetCaseTimelineQuery,
    private readonly rebuildCaseViewsCommand: RebuildCaseViewsCommand,
    private readonly listReadAuditQuery: ListReadAuditQuery,
    private readonly getPartyContactsQuery: GetPartyContactsQuery,
    private readonly recordDownloadCommand: RecordDownloadCommand,
  ) {}

  openCase(r: intakeV1.OpenCaseRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => this.openCaseCommand.execute(r, call));
  }
  amendCase(r: intakeV1.AmendCaseRequest, md: Metadata) {
    return this.pipeline.commandOn(this.cases, this.amendCaseCommand, r.caseId, r, md);
  }
  withdrawCase(r: intakeV1.WithdrawCaseRequest, md: Metadata) {
    return this.pipeline.commandOn(this.cases, this.withdrawCaseCommand, r.caseId, r, md);
  }
  attachDocument(r: intakeV1.AttachDocumentRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => this.attachDocumentCommand.execute(r, call));
  }
  getCase(r: intakeV1.GetCaseRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.getCaseQuery.run(r, call));
  }
  listCases(r: intakeV1.ListCasesRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.listCasesQuery.run(r, call));
  }
  getDocument(r: intakeV1.GetDocumentRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.getDocumentQuery.run(r, call));
  }
  listDocuments(r: intakeV1.ListDocumentsRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.listDocumentsQuery.run(r, call));
  }
  getCaseTimeline(r: intakeV1.GetCaseTimelineRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.getCaseTimelineQuery.run(r, call));
  }
  listReadAudit(r: intakeV1.ListReadAuditRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.listReadAuditQuery.run(r, call));
  }
  getPartyContacts(r: intakeV1.GetPartyContactsRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => this.getPartyContactsQuery.run(r, call));
  }
  recordDownload(r: intakeV1.RecordDownloadRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => this.recordDownloadCommand.execute(r, call));
  }
  rebuildCaseViews(r: intakeV1.RebuildCaseViewsRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => this.rebuildCaseViewsCommand.execute(r, call));
  }
}
