import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { hasRole } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { requireDeskScope } from '../auth/scope.policy';
import { OrgNames } from '../cases/org-names';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { badRequest, forbidden, notFoundProblem } from '../problems/problem';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import {
  createReferralBody,
  deskParams,
  deskStaffBody,
  entrustCaseBody,
  inboxQuery,
  REFERRAL_COMMANDS,
  referralCommandParams,
  referralParams,
} from './referral.schemas';

/** Referrals to and from institutions, and the stationed lawyers' desk inboxes (ReferralService). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1')
export class ReferralsController {
  private readonly names: OrgNames;

  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {
    this.names = new OrgNames(directory);
  }

  @Get('referrals/inbox')
  @Roles('STATIONED_LAWYER', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'A desk’s inbox: pending, mine, overdue or all' })
  @ZodQuery(inboxQuery)
  async inbox(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(inboxQuery, query);
    const deskCode = q.deskCode ?? caller.principal.deskCode;
    if (!deskCode) throw badRequest([{ field: 'deskCode', description: 'required' }]);
    requireDeskScope(caller.principal, deskCode);
    const request = { deskCode, filter: `INBOX_FILTER_${q.filter}`, page: pageRequest(q) };
    const out = toApiJson(await this.backends.referral.call('listInbox', request, caller)) as {
      referrals?: unknown[];
    };
    return { ...out, referrals: out.referrals?.map((r) => this.names.referralJson(r)) };
  }

  @Get('referrals/:referralId')
  @Roles('STATIONED_LAWYER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'One referral with its history' })
  async get(@Caller() caller: CallContext, @Param() params: unknown) {
    const { referralId } = parseInput(referralParams, params);
    const out = toApiJson(
      await this.backends.referral.call('getReferral', { referralId }, caller),
    ) as { referral?: unknown };
    return { ...out, referral: this.names.referralJson(out.referral) };
  }

  @Post('referrals')
  @Roles('MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Refer a case out to an institution desk (idempotent)' })
  @ZodBody(createReferralBody)
  async create(
    @Caller() caller: CallContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = parseInput(createReferralBody, body);
    if (input.deskCode && !this.directory.findDesk(input.deskCode))
      throw badRequest([{ field: 'deskCode', description: 'unknown desk' }]);
    const out = await this.backends.referral.call('createReferral', input, caller);
    res.status(out.replayed ? 200 : 201);
    return toApiJson(out);
  }

  @Post('referrals/entrust')
  @Roles('STATIONED_LAWYER', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'An institution entrusts a matter to mediation (opens the case)' })
  @ZodBody(entrustCaseBody)
  async entrust(
    @Caller() caller: CallContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = parseInput(entrustCaseBody, body);
    const p = caller.principal;
    if (
      !hasRole(p, commonV1.Role.ROLE_ADMINISTRATOR) &&
      p.institutionCode !== input.institutionCode
    )
      throw forbidden('You may only entrust matters for your own institution.');
    const out = await this.backends.referral.call('entrustCase', input, caller);
    res.status(out.replayed ? 200 : 201);
    return toApiJson(out);
  }

  /** Documented per action from REFERRAL_COMMANDS (openapi/openapi.ts). */
  @Post('referrals/:referralId/:action')
  @HttpCode(200)
  @Roles('STATIONED_LAWYER', 'ADMINISTRATOR')
  @ApiExcludeEndpoint()
  async command(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { referralId, action } = parseInput(referralCommandParams, params);
    const command = Object.hasOwn(REFERRAL_COMMANDS, action)
      ? REFERRAL_COMMANDS[action]
      : undefined;
    if (!command) throw notFoundProblem(`No referral action "${action}".`);
    const input = parseInput(command.body, body) as object;
    return toApiJson(
      await this.backends.referral.call(command.rpc, { referralId, ...input }, caller),
    );
  }

  @Get('desks/:deskCode/staff')
  @Roles('STATIONED_LAWYER', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Who staffs a desk' })
  async staff(@Caller() caller: CallContext, @Param() params: unknown) {
    const { deskCode } = parseInput(deskParams, params);
    requireDeskScope(caller.principal, deskCode);
    return toApiJson(await this.backends.referral.call('listDeskStaff', { deskCode }, caller));
  }

  @Put('desks/:deskCode/staff')
  @Roles('ADMINISTRATOR')
  @ApiOperation({ summary: 'Replace a desk’s roster (administrators)' })
  @ZodBody(deskStaffBody)
  async assignStaff(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { deskCode } = parseInput(deskParams, params);
    if (!this.directory.findDesk(deskCode)) throw notFoundProblem('No such desk.');
    const input = parseInput(deskStaffBody, body);
    return toApiJson(
      await this.backends.referral.call('assignDeskStaff', { deskCode, ...input }, caller),
    );
  }
}
