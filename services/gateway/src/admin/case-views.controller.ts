import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from '@mediation/config';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../auth/auth.decorators';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { ZodBody } from '../openapi/zod-openapi';
import { parseInput } from '../validation/parse-input';

/** RebuildCaseViews takes nothing: an empty body, or none (anything else is a mistake). */
const rebuildCaseViewsBody = z.strictObject({});

/** Operators' levers on intake's case views (administrators only). */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMINISTRATOR')
@Controller('api/v1/admin/case-views')
export class CaseViewsAdminController {
  constructor(@Inject(Backends) private readonly backends: Backends) {}

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Reset every case view and timeline; they fill again as the topics replay (202)',
  })
  @ZodBody(rebuildCaseViewsBody)
  async rebuild(@Caller() caller: CallContext, @Body() body: unknown) {
    parseInput(rebuildCaseViewsBody, body);
    return toApiJson(await this.backends.intake.call('rebuildCaseViews', {}, caller));
  }
}
