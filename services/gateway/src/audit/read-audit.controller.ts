import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../auth/auth.decorators';
import { CASE_RESPONSE_SCHEMAS } from '../cases/case-responses';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { ZodQuery } from '../openapi/zod-openapi';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { readAuditQuery } from './read-audit.schemas';

/** Who read which personal data (IntakeService.ListReadAudit): administrators only. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('ADMINISTRATOR')
@Controller('api/v1/audit')
export class ReadAuditController {
  constructor(@Inject(Backends) private readonly backends: Backends) {}

  @Get('reads')
  @ApiOperation({ summary: 'Reads of personal data by case or by reader, newest first' })
  @ZodQuery(readAuditQuery)
  @ApiOkResponse({ schema: CASE_RESPONSE_SCHEMAS.readAudit })
  async reads(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(readAuditQuery, query);
    const out = await this.backends.intake.call(
      'listReadAudit',
      {
        caseId: q.caseId ?? '',
        readerSubject: q.reader ?? '',
        read: { startTime: q.from ?? null, endTime: q.to ?? null },
        page: pageRequest(q),
      },
      caller,
    );
    return toApiJson(out);
  }
}
