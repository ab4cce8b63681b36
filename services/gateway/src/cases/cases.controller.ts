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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { defaultOrgUnit, requireCaseScope } from '../auth/scope.policy';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { isGrpcFailure, problemFromGrpc } from '../problems/grpc-problem.mapper';
import { ProblemError } from '../problems/problem';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import {
  amendCaseBody,
  attachDocumentBody,
  caseParams,
  documentParams,
  listCasesQuery,
  openCaseBody,
  withdrawCaseBody,
} from './cases.schemas';

/** Case files as registered (IntakeService). Routes stay thin: validate, check scope, forward. */
@ApiTags('cases')
@ApiBearerAuth()
@Roles('VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {}

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
    return toApiJson(out);
  }

  @Get()
  @ApiOperation({ summary: 'List cases in your scope, newest first' })
  @ZodQuery(listCasesQuery)
  async list(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(listCasesQuery, query);
    const orgUnitCode = q.orgUnitCode ?? defaultOrgUnit(caller.principal, this.directory);
    requireCaseScope(caller.principal, orgUnitCode, this.directory);
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
      },
      caller,
    );
    return toApiJson(out);
  }

  @Get(':caseId')
  @ApiOperation({ summary: 'One case with its parties (masked unless your role needs them)' })
  async get(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return toApiJson(await this.backends.intake.call('getCase', { caseId }, caller));
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
    return toApiJson(await this.backends.intake.call('amendCase', request, caller));
  }

  @Post(':caseId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a case at a party’s request' })
  @ZodBody(withdrawCaseBody)
  async withdraw(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(withdrawCaseBody, body);
    return toApiJson(await this.backends.intake.call('withdrawCase', { caseId, ...input }, caller));
  }

  @Get(':caseId/documents')
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
    const { contentBase64, ...input } = parseInput(attachDocumentBody, body);
    const request = {
      caseId,
      ...input,
      content: Buffer.from(contentBase64, 'base64'),
      idempotencyKey: input.idempotencyKey ?? '',
    };
    try {
      return toApiJson(await this.backends.intake.call('attachDocument', request, caller));
    } catch (error) {
      // The service names the bytes `content`; here they arrive as `contentBase64`.
      if (!isGrpcFailure(error)) throw error;
      const p = problemFromGrpc(error);
      p.errors = p.errors?.map((e) =>
        e.field === 'content' ? { ...e, field: 'contentBase64' } : e,
      );
      throw new ProblemError(p);
    }
  }

  @Get(':caseId/documents/:documentId')
  @ApiOperation({ summary: 'Download a document' })
  async document(@Caller() caller: CallContext, @Param() params: unknown, @Res() res: Response) {
    const { caseId, documentId } = parseInput(documentParams, params);
    const out = await this.backends.intake.call('getDocument', { caseId, documentId }, caller);
    sendFile(res, out.content, out.document?.contentType, out.document?.fileName);
  }
}

/** A binary download with a safe Content-Disposition (RFC 6266 filename*). */
export function sendFile(
  res: Response,
  content: Buffer,
  contentType = 'application/octet-stream',
  fileName = 'download',
) {
  res.setHeader('content-type', contentType);
  res.setHeader(
    'content-disposition',
    `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(content);
}
