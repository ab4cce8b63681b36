import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { intakeV1 } from '@mediation/contracts';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { defaultOrgUnit, requireCaseScope } from '../auth/scope.policy';
import { sendAuditedDownload } from '../audit/audited-download';
import { OrgNames } from '../cases/org-names';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { ZodQuery } from '../openapi/zod-openapi';
import { notFoundProblem } from '../problems/problem';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { MEDIATION_COMMANDS } from './mediation-commands';
import {
  agreementQuery,
  commandParams,
  deadlinesQuery,
  listMediationsQuery,
  mediationParams,
  workloadQuery,
} from './mediation.schemas';

const { ServedDocument } = intakeV1;

const range = (from?: unknown, to?: unknown) => ({ startTime: from ?? null, endTime: to ?? null });

/** The mediation process (MediationService): reads, the deadline view, documents and commands. */
@ApiTags('mediations')
@ApiBearerAuth()
@Roles('VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/mediations')
export class MediationController {
  private readonly names: OrgNames;

  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {
    this.names = new OrgNames(directory);
  }

  @Get()
  @ApiOperation({ summary: 'Mediations in an org subtree, newest first' })
  @ZodQuery(listMediationsQuery)
  async list(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(listMediationsQuery, query);
    const orgUnitCode = q.orgUnitCode ?? defaultOrgUnit(caller.principal, this.directory);
    requireCaseScope(caller.principal, orgUnitCode, this.directory);
    const request = {
      orgUnitCode,
      statuses: q.status,
      categories: q.category,
      levels: q.level,
      created: range(q.createdFrom, q.createdTo),
      page: pageRequest(q),
    };
    return toApiJson(await this.backends.mediation.call('listBySubtree', request, caller));
  }

  @Get('workload')
  @ApiOperation({ summary: 'Open, due-soon and overdue mediations per mediator' })
  @ZodQuery(workloadQuery)
  async workload(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(workloadQuery, query);
    if (q.orgUnitCode) requireCaseScope(caller.principal, q.orgUnitCode, this.directory);
    const request = {
      committeeCode: q.committeeCode ?? '',
      orgUnitCode: q.orgUnitCode ?? '',
      mediatorId: q.mediatorId ?? '',
      dueSoonDays: q.dueSoonDays ?? 0,
      page: pageRequest(q),
    };
    const out = toApiJson(await this.backends.mediation.call('listWorkload', request, caller)) as {
      rows?: unknown[];
    };
    return { ...out, rows: out.rows?.map((r) => this.names.withCommitteeJson(r)) };
  }

  @Get('deadlines')
  @ApiOperation({ summary: 'The combined deadline view, soonest first' })
  @ZodQuery(deadlinesQuery)
  async deadlines(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(deadlinesQuery, query);
    const orgUnitCode =
      q.orgUnitCode ?? (q.committeeCode ? '' : defaultOrgUnit(caller.principal, this.directory));
    if (orgUnitCode) requireCaseScope(caller.principal, orgUnitCode, this.directory);
    const request = {
      orgUnitCode,
      committeeCode: q.committeeCode ?? '',
      mediatorId: q.mediatorId ?? '',
      kinds: q.kind,
      statuses: q.status,
      due: range(q.dueFrom, q.dueTo),
      page: pageRequest(q),
    };
    const out = toApiJson(await this.backends.mediation.call('listDeadlines', request, caller)) as {
      deadlines?: unknown[];
    };
    return { ...out, deadlines: out.deadlines?.map((d) => this.names.withCommitteeJson(d)) };
  }

  @Get(':mediationId')
  @ApiOperation({ summary: 'A mediation with its timeline (its id is the case id)' })
  async get(@Caller() caller: CallContext, @Param() params: unknown) {
    const { mediationId } = parseInput(mediationParams, params);
    return toApiJson(await this.backends.mediation.call('getMediation', { mediationId }, caller));
  }

  @Get(':mediationId/agreement.pdf')
  @ApiOperation({
    summary:
      'The 调解协议书 as PDF (lang=en: an English reference copy); each download is in the read audit',
  })
  @ZodQuery(agreementQuery)
  async agreement(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Query() query: unknown,
    @Res() res: Response,
  ) {
    const { mediationId } = parseInput(mediationParams, params);
    const { lang } = parseInput(agreementQuery, query);
    const out = await this.backends.mediation.call(
      'getAgreementDocument',
      { mediationId, language: lang },
      caller,
    );
    // A mediation's id is its case's id.
    const read = { caseId: mediationId, document: ServedDocument.SERVED_DOCUMENT_AGREEMENT };
    await sendAuditedDownload(this.backends, res, caller, read, out, 'agreement.pdf');
  }

  @Get(':mediationId/case-file.zip')
  @ApiOperation({
    summary: 'The case file (卷宗) as a zip archive; each download is in the read audit',
  })
  async caseFile(@Caller() caller: CallContext, @Param() params: unknown, @Res() res: Response) {
    const { mediationId } = parseInput(mediationParams, params);
    const out = await this.backends.mediation.call('exportCaseFile', { mediationId }, caller);
    const read = { caseId: mediationId, document: ServedDocument.SERVED_DOCUMENT_CASE_FILE };
    await sendAuditedDownload(this.backends, res, caller, read, out, 'case-file.zip');
  }

  /** Documented per action from MEDIATION_COMMANDS (openapi/openapi.ts). */
  @Post(':mediationId/:action')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async command(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { mediationId, action } = parseInput(commandParams, params);
    const command = Object.hasOwn(MEDIATION_COMMANDS, action)
      ? MEDIATION_COMMANDS[action]
      : undefined;
    if (!command) throw notFoundProblem(`No mediation action "${action}".`);
    const input = parseInput(command.body, body) as object;
    return toApiJson(
      await this.backends.mediation.call(command.rpc, { mediationId, ...input }, caller),
    );
  }
}
