import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { servicePrincipal } from '@mediation/auth';
import { intakeV1 } from '@mediation/contracts';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Public, Roles } from '../auth/auth.decorators';
import { sendAuditedDownload } from '../audit/audited-download';
import { attachDocument } from '../cases/attach-document';
import { caseParams, documentParams } from '../cases/cases.schemas';
import { OrgNames } from '../cases/org-names';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { RateLimits } from '../http/rate-limits';
import { sendFile } from '../http/send-file';
import { requestIdOf } from '../http/request-id.middleware';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { isGrpcFailure, problemFromGrpc } from '../problems/grpc-problem.mapper';
import { badRequest, ProblemError } from '../problems/problem';
import { agreementQuery } from '../mediation/mediation.schemas';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { asOwnCase, PartyActs, type OwnCase } from './party-acts';
import {
  committeeContact,
  partyCaseView,
  partyDocumentView,
  type PartyDocumentJson,
} from './party-case.view';
import { PartySessions } from './party-sessions';
import { partyPlaces, toOpenCaseRequest, wireFieldOfApplication } from './party-application';
import {
  agreementCodeBody,
  applicationBody,
  consentBody,
  partyCasesQuery,
  partyEvidenceBody,
  PARTY_RESPONSE_SCHEMAS,
  phoneCheckBody,
  placesQuery,
  satisfactionBody,
  sessionAnswerBody,
  sessionAnswerParams,
  sessionBody,
  signatureBody,
} from './party.schemas';

/** The gateway acting as itself (no one is signed in yet): the phone checks only. */
const GATEWAY = servicePrincipal('gateway');

/**
 * The party app's API: prove a phone by a texted code (NotificationService), get a session for
 * it, and read the cases that name it as a party's phone (IntakeService decides which those are).
 * The sign-in routes are public and count against the client's address; the notification service
 * limits each number on its own.
 */
@ApiTags('party app')
@Controller('api/v1/party')
export class PartyController {
  private readonly names: OrgNames;
  private readonly acts: PartyActs;

  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(PartySessions) private readonly sessions: PartySessions,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {
    this.names = new OrgNames(directory);
    this.acts = new PartyActs(backends);
  }

  @Post('phone-checks')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: 'Text a one-time code to a mobile number (the same answer for any)' })
  @ZodBody(phoneCheckBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.phoneCheck })
  async startPhoneCheck(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ) {
    this.limits.countAddress(req, res);
    const input = parseInput(phoneCheckBody, body);
    const out = await this.backends.notification.call(
      'startPhoneCheck',
      {
        mobile: input.mobile,
        language: input.language === 'en' ? 'NOTICE_LANGUAGE_EN' : 'NOTICE_LANGUAGE_ZH',
      },
      { principal: GATEWAY, requestId: requestIdOf(req) },
    );
    return toApiJson(out);
  }

  @Post('sessions')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Prove the number with the code: a session for the party app' })
  @ZodBody(sessionBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.session })
  async signIn(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ) {
    this.limits.countAddress(req, res);
    const input = parseInput(sessionBody, body);
    const { mobile } = await this.backends.notification.call('provePhone', input, {
      principal: GATEWAY,
      requestId: requestIdOf(req),
    });
    const { token, expiresAt } = await this.sessions.sign(mobile);
    return { accessToken: token, expiresAt: expiresAt.toISOString() };
  }

  @Get('cases')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The cases naming your phone as a party’s, newest first' })
  @ZodQuery(partyCasesQuery)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.cases })
  async cases(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(partyCasesQuery, query);
    const out = await this.backends.intake.call('listCases', { page: pageRequest(q) }, caller);
    const json = toApiJson(out) as { cases?: unknown[]; page?: { nextPageToken?: string } };
    return {
      cases: (json.cases ?? []).map((c) => this.view(c, caller)),
      nextPageToken: json.page?.nextPageToken ?? '',
    };
  }

  @Get('cases/:caseId')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'One of your cases: where it is, what happens next, who has it, and what waits for you ' +
      '(consent, sessions, the agreement to sign, the rating)',
  })
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.case })
  async case(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return this.caseNow(await this.acts.ownCase(caseId, caller), caller);
  }

  @Post('cases/:caseId/consents')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Consent to mediation, or refuse it (with a reason), yourself' })
  @ZodBody(consentBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.done })
  async consent(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(consentBody, body);
    return this.actOn(caseId, caller, (own) => this.acts.decide(own, input, caller));
  }

  @Post('cases/:caseId/sessions/:sessionId/answers')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a session: you will attend, or ask to move it (say why)' })
  @ZodBody(sessionAnswerBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.done })
  async answerSession(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { caseId, sessionId } = parseInput(sessionAnswerParams, params);
    const input = parseInput(sessionAnswerBody, body);
    return this.actOn(caseId, caller, (own) => this.acts.answer(own, sessionId, input, caller));
  }

  @Post('cases/:caseId/agreement/code')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(202)
  @ApiOperation({ summary: 'Text a one-time code to your phone to sign the agreement with' })
  @ZodBody(agreementCodeBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.phoneCheck })
  async agreementCode(
    @Caller() caller: CallContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    this.limits.countAddress(req, res);
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(agreementCodeBody, body);
    return this.acts.agreementCode(await this.acts.ownCase(caseId, caller), input, caller);
  }

  @Post('cases/:caseId/agreement/signatures')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Sign the agreement you read (its proposal id and content hash) with the code texted to you',
  })
  @ZodBody(signatureBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.done })
  async sign(
    @Caller() caller: CallContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    this.limits.countAddress(req, res);
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(signatureBody, body);
    return this.actOn(caseId, caller, (own) => this.acts.sign(own, input, caller));
  }

  @Post('cases/:caseId/satisfaction')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rate the mediation (1 to 5) once it has closed; once' })
  @ZodBody(satisfactionBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.done })
  async rate(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(satisfactionBody, body);
    return this.actOn(caseId, caller, (own) => this.acts.rate(own, input, caller));
  }

  @Get('places')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Where a dispute may be filed: district, street, community, reasoning point',
  })
  @ZodQuery(placesQuery)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.places })
  places(@Query() query: unknown) {
    const { parent } = parseInput(placesQuery, query);
    const places = partyPlaces(this.directory, parent);
    if (!places) throw badRequest([{ field: 'parent', description: 'not a place to file at' }]);
    return { places };
  }

  @Post('applications')
  @Roles('PARTY')
  @ApiBearerAuth()
  @HttpCode(201)
  @ApiOperation({ summary: 'Apply online: your dispute becomes a case at the place’s committee' })
  @ZodBody(applicationBody)
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.case })
  async apply(
    @Caller() caller: CallContext,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ) {
    const input = parseInput(applicationBody, body);
    const request = toOpenCaseRequest(input, caller.principal.partyPhone);
    try {
      const out = await this.backends.intake.call('openCase', request, caller);
      res.status(out.replayed ? 200 : 201);
      const json = toApiJson(out) as { case?: unknown };
      return { case: this.view(json.case, caller) };
    } catch (error) {
      // The service names the fields of its request; the app's are the applicant's and others'.
      if (!isGrpcFailure(error)) throw error;
      const p = problemFromGrpc(error);
      p.errors = p.errors?.map((e) => ({ ...e, field: wireFieldOfApplication(e.field) }));
      throw new ProblemError(p);
    }
  }

  @Get('cases/:caseId/documents')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The documents of your case: kind, file, size, when, whether you added it',
  })
  @ApiOkResponse({ schema: PARTY_RESPONSE_SCHEMAS.documents })
  async documents(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    const out = toApiJson(
      await asOwnCase(() => this.backends.intake.call('listDocuments', { caseId }, caller)),
    ) as { documents?: PartyDocumentJson[] };
    return { documents: (out.documents ?? []).map((d) => partyDocumentView(d, caller.principal)) };
  }

  @Get('cases/:caseId/documents/:documentId')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Download a document you added to your case; in the read audit' })
  async document(@Caller() caller: CallContext, @Param() params: unknown, @Res() res: Response) {
    const { caseId, documentId } = parseInput(documentParams, params);
    // Intake lets a party download only what it added; anything else is 404 here, as if absent.
    const out = await asOwnCase(
      () => this.backends.intake.call('getDocument', { caseId, documentId }, caller),
      'No such document of yours.',
    );
    sendFile(res, out.content, out.document?.contentType, out.document?.fileName);
  }

  @Get('cases/:caseId/agreement.pdf')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Your 调解协议书 once a written agreement is in effect, as PDF (lang=en: an English ' +
      'reference copy); in the read audit',
  })
  @ZodQuery(agreementQuery)
  async agreementPdf(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Query() query: unknown,
    @Res() res: Response,
  ) {
    const { caseId } = parseInput(caseParams, params);
    const { lang } = parseInput(agreementQuery, query);
    const file = await this.acts.agreementDocument(
      await this.acts.ownCase(caseId, caller),
      lang,
      caller,
    );
    const read = { caseId, document: intakeV1.ServedDocument.SERVED_DOCUMENT_AGREEMENT };
    await sendAuditedDownload(this.backends, res, caller, read, file, 'agreement.pdf');
  }

  @Post('cases/:caseId/documents')
  @Roles('PARTY')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add evidence to your case (base64 content, at most 3 MiB)' })
  @ZodBody(partyEvidenceBody)
  async addEvidence(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { caseId } = parseInput(caseParams, params);
    const input = parseInput(partyEvidenceBody, body);
    // Intake's party read first: another's case is 404 here as on every route of a case.
    await asOwnCase(() => this.backends.intake.call('getCase', { caseId }, caller));
    return attachDocument(this.backends, caseId, input, caller);
  }

  /** An act on the caller's own case (404 for any other), answered with the case as it is now. */
  private async actOn(
    caseId: string,
    caller: CallContext,
    act: (own: OwnCase) => Promise<unknown>,
  ) {
    await act(await this.acts.ownCase(caseId, caller));
    return this.caseNow(await this.acts.ownCase(caseId, caller), caller);
  }

  private caseNow(own: OwnCase, caller: CallContext) {
    return { case: { ...this.view(own.kase, caller), mediation: this.acts.view(own) } };
  }

  private view(kase: unknown, caller: CallContext) {
    return partyCaseView(this.names.caseJson(kase) as never, caller.principal.partyPhone, (code) =>
      committeeContact(this.directory, code),
    );
  }
}
