import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canAccessOrgUnit } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { ZodBody } from '../openapi/zod-openapi';
import { forbidden, notFoundProblem } from '../problems/problem';
import { parseInput } from '../validation/parse-input';
import {
  deactivateRosterMemberBody,
  rosterMemberParams,
  rosterParams,
  setRosterMemberBody,
} from './committees.schemas';

/**
 * Committee rosters (art. 8) on MediationService. The gateway's half of the scope check: the
 * committee (or reasoning point) must exist and sit in the caller's subtree, or be the caller's
 * own; the service checks again, and that only the committee's admins change it.
 */
@ApiTags('committees')
@ApiBearerAuth()
@Controller('api/v1/committees')
export class CommitteesController {
  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {}

  @Get(':committeeCode/roster')
  @Roles('VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
  @ApiOperation({
    summary: 'A committee’s roster, with the art. 8 checks (3-9 members, a director, a woman)',
  })
  async roster(@Caller() caller: CallContext, @Param() params: unknown) {
    const { committeeCode } = parseInput(rosterParams, params);
    this.requireRosterScope(caller.principal, committeeCode);
    return toApiJson(
      await this.backends.mediation.call('getCommitteeRoster', { committeeCode }, caller),
    );
  }

  @Put(':committeeCode/roster/members/:memberId')
  @Roles('COMMITTEE_ADMIN', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Add a roster member, or update (and reactivate) one' })
  @ZodBody(setRosterMemberBody)
  async setMember(@Caller() caller: CallContext, @Param() params: unknown, @Body() body: unknown) {
    const { committeeCode, memberId } = parseInput(rosterMemberParams, params);
    this.requireRosterScope(caller.principal, committeeCode);
    const input = parseInput(setRosterMemberBody, body);
    return toApiJson(
      await this.backends.mediation.call(
        'setRosterMember',
        { committeeCode, memberId, ...input },
        caller,
      ),
    );
  }

  @Post(':committeeCode/roster/members/:memberId/deactivate')
  @HttpCode(200)
  @Roles('COMMITTEE_ADMIN', 'ADMINISTRATOR')
  @ApiOperation({ summary: 'Take a member off duty (kept on the roster, no longer assignable)' })
  @ZodBody(deactivateRosterMemberBody)
  async deactivateMember(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { committeeCode, memberId } = parseInput(rosterMemberParams, params);
    this.requireRosterScope(caller.principal, committeeCode);
    const input = parseInput(deactivateRosterMemberBody, body);
    return toApiJson(
      await this.backends.mediation.call(
        'deactivateRosterMember',
        { committeeCode, memberId, ...input },
        caller,
      ),
    );
  }

  /** 404 for an unknown committee, 403 outside the caller's subtree (unless it is their own). */
  private requireRosterScope(p: commonV1.Principal, committeeCode: string): void {
    const committee = this.directory.findCommittee(committeeCode);
    const point = this.directory.lookup(committeeCode);
    const unit = committee?.orgUnitCode ?? (point?.level === 'POINT' ? point.code : undefined);
    if (!unit) throw notFoundProblem(`No committee or reasoning point "${committeeCode}".`);
    if (p.committeeCode !== committeeCode && !canAccessOrgUnit(p, unit, this.directory))
      throw forbidden('That committee is outside your scope.');
  }
}
