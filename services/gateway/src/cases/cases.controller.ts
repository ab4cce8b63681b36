import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import type { TokenRole } from '../auth/token-claims';
import { defaultOrgUnit, requireCaseScope } from '../auth/scope.policy';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { badRequest } from '../problems/problem';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { sendFile } from '../http/send-file';
import {
  amendCaseBody,
  attachDocumentBody,
  caseParams,
  documentParams,
  listCasesQuery,
  openCaseBody,
  withdrawCaseBody,
} from './cases.schemas';
import { CASE_RESPONSE_SCHEMAS } from './case-responses';
import { attachDocument } from './attach-document';
import { OrgNames } from './org-names';

const CASE_ROLES: TokenRole[] = ['VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR'];
/** Reads a stationed lawyer may make of a case behind a referral at their desk (intake decides). */
const CASE_READ_ROLES: TokenRole[] = [...CASE_ROLES, 'STATIONED_LAWYER'];

/** Case files as registered (IntakeService). Routes stay thin: validate, check scope, forward. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(...CASE_ROLES)
@Controller('api/v1/cases')
export class CasesController {
  private readonly names: OrgNames;

  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {
    this.names = new OrgNames(directory);
  }

  /** A response carrying one case, with its org refs named. */
  private withCase(out: unknown) {
    const json = toApiJson(out) as Record<string, unknown>;
    return { ...json, case: this.names.caseJson(json.case) };
  }

  @Post()
  @ApiOperation({ summary: 'Open a case (idempotent on idempotencyKey)' })
  @ZodBody(openCaseBody)
  async open(
    @Caller() caller: CallContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = parseInput(openCaseBody, body);
    requireCaseScope(caller.principal, input.orgUnitCode, this.directory);
    const out = await this.backends.intake.call('openCase', input, caller);
    res.status(out.replayed ? 200 : 201);
    return this.withCase(out);
  }

  @Get()
  @ApiOperation({
    summary: 'List and search cases in your scope, newest first, with where each case is now',
  })
  @ZodQuery(listCasesQuery)
  @ApiOkResponse({ schema: CASE_RESPONSE_SCHEMAS.caseList })
  async list(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(listCasesQuery, query);
    const orgUnitCode = q.orgUnitCode ?? defaultOrgUnit(caller.principal, this.directory);
    requireCaseScope(caller.principal, orgUnitCode, this.directory);
    if (q.holder && !this.names.committee(q.holder))
      throw badRequest([{ field: 'holder', description: 'unknown committee' }]);
    const out = await this.backends.intake.call(
      'listCases',
      {
        orgUnitCode,
        statuses: q.status,
        categories: q.category,
        sources: q.source,
        channels: q.channel,
        registered: { startTime: q.registeredFrom ?? null, endTime: q.registeredTo ?? null },
        page: pageRequest(q),
        caseNumber: q.caseNumber ?? '',
        partyName: q.partyName ?? '',
        partyPhone: q.partyPhone ?? '',
        partyIdNumber: q.partyIdNumber ?? '',
        holderCommitteeCode: q.holder ?? '',
        mediatorId: q.mediator ?? '',
        overdueOnly: q.overdue,
      },
      caller,
    );
    const json = toApiJson(out) as { cases?: unknown[] };
    return { ...json, cases: (json.cases ?? []).map((c) => this.names.caseJson(c)) };
  }

  @Get(':caseId')
  @Roles(...CASE_READ_ROLES)
  @ApiOperation({ summary: 'One case with its parties (masked unless your role needs them)' })
  @ApiOkResponse({ schema: CASE_RESPONSE_SCHEMAS.caseOne })
  async get(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return this.withCase(await this.backends.intake.call('getCase', { caseId }, caller));
  }

  @Get(':caseId/timeline')
  @Roles(...CASE_READ_ROLES)
  @ApiOperation({ summary: 'Every step of the case (intake, mediation, referral), oldest first' })
  @ApiOkResponse({ schema: CASE_RESPONSE_SCHEMAS.timeline })
  async timeline(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const out = await this.backends.intake.call('getCaseTimeline', { caseId }, caller);
    const json = toApiJson(out) as { entries?: unknown[] };
    return { entries: (json.entries ?? []).map((e) => this.names.timelineEntryJson(e)) };
  }

  @Patch(':caseId')
  @ApiOperation({ summary: 'Amend a case before acceptance' })
  @ZodBody(amendCaseBody)
  async amend(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(amendCaseBody, body);
    if (input.changes.orgUnitCode)
      requireCaseScope(
        caller.principal,
        input.changes.orgUnitCode,
        this.directory,
        'changes.orgUnitCode',
      );
    const { parties, ...changes } = input.changes;
    const request = {
      caseId,
      ...input,
      changes: { ...changes, ...(parties ? { parties: { parties } } : {}) },
    };
    return this.withCase(await this.backends.intake.call('amendCase', request, caller));
  }

  @Post(':caseId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a case at a party’s request' })
  @ZodBody(withdrawCaseBody)
  async withdraw(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(withdrawCaseBody, body);
    return this.withCase(
      await this.backends.intake.call('withdrawCase', { caseId, ...input }, caller),
    );
  }

  @Get(':caseId/documents')
  @Roles(...CASE_READ_ROLES)
  @ApiOperation({ summary: 'Documents attached to a case (metadata)' })
  async documents(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return toApiJson(await this.backends.intake.call('listDocuments', { caseId }, caller));
  }

  @Post(':caseId/documents')
  @ApiOperation({ summary: 'Attach a document (base64 content, at most 3 MiB)' })
  @ZodBody(attachDocumentBody)
  async attach(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return attachDocument(this.backends, caseId, parseInput(attachDocumentBody, body), caller);
  }

  @Get(':caseId/documents/:documentId')
  @Roles(...CASE_READ_ROLES)
  @ApiOperation({ summary: 'Download a document' })
  async document(@Caller() caller: CallContext, @Param() params: unknown, @Res() res: Response) {
    const { caseId, documentId } = parseInput(documentParams, params);
    const out = await this.backends.intake.call('getDocument', { caseId, documentId }, caller);
    sendFile(res, out.content, out.document?.contentType, out.document?.fileName);
  }
}
