import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { defaultOrgUnit, requireAggregateScope } from '../auth/scope.policy';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { sendFile } from '../http/send-file';
import {
  acknowledgeAlertBody,
  alertParams,
  alertsQuery,
  drilldownQuery,
  flowQuery,
  rebuildBody,
  reportQuery,
  summaryQuery,
  timeSeriesQuery,
  topQuery,
} from './statistics.schemas';
import { STATISTICS_RESPONSE_SCHEMAS } from './statistics-responses';

/** Aggregates for dashboards and reports (StatisticsService); never parties or free text. */
@ApiTags('statistics')
@ApiBearerAuth()
@Roles('ANALYST', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/statistics')
export class StatisticsController {
  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
  ) {}

  private scope(caller: CallContext, orgUnitCode?: string): string {
    const code = orgUnitCode ?? defaultOrgUnit(caller.principal, this.directory);
    requireAggregateScope(caller.principal, code, this.directory);
    return code;
  }

  @Get('summary')
  @ApiOperation({ summary: 'KPIs of an org subtree for a period, with breakdowns' })
  @ApiOkResponse({ schema: STATISTICS_RESPONSE_SCHEMAS.summary })
  @ZodQuery(summaryQuery)
  async summary(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(summaryQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      period: q.period,
      dimensions: q.dimensions,
      filters: q.filter,
    };
    return toApiJson(await this.backends.statistics.call('getSummary', request, caller));
  }

  @Get('drilldown')
  @ApiOperation({ summary: 'The children of an org unit with their figures' })
  @ApiOkResponse({ schema: STATISTICS_RESPONSE_SCHEMAS.drilldown })
  @ZodQuery(drilldownQuery)
  async drilldown(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(drilldownQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      period: q.period,
      filters: q.filter,
    };
    return toApiJson(await this.backends.statistics.call('drilldown', request, caller));
  }

  @Get('timeseries')
  @ApiOperation({ summary: 'Figures per day, month or year between two period keys' })
  @ApiOkResponse({ schema: STATISTICS_RESPONSE_SCHEMAS.timeSeries })
  @ZodQuery(timeSeriesQuery)
  async timeseries(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(timeSeriesQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      granularity: q.from.granularity,
      fromKey: q.from.key,
      toKey: q.to.key,
      filters: q.filter,
    };
    return toApiJson(await this.backends.statistics.call('timeSeries', request, caller));
  }

  @Get('top')
  @ApiOperation({ summary: 'Org units (or dimension keys) ranked by a metric' })
  @ZodQuery(topQuery)
  async top(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(topQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      period: q.period,
      metric: q.metric,
      limit: q.limit ?? 0,
      level: q.level ?? 'ORG_UNIT_LEVEL_UNSPECIFIED',
      dimension: q.dimension ? `DIMENSION_${q.dimension}` : 'DIMENSION_UNSPECIFIED',
      ascending: q.ascending,
    };
    return toApiJson(await this.backends.statistics.call('topN', request, caller));
  }

  @Get('flow')
  @ApiOperation({ summary: 'Where disputes that surfaced at reasoning points were settled' })
  @ZodQuery(flowQuery)
  async flow(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(flowQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      period: q.period,
      byChild: q.byChild,
    };
    return toApiJson(await this.backends.statistics.call('flow', request, caller));
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Early-warning alerts, newest first' })
  @ZodQuery(alertsQuery)
  async alerts(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(alertsQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      raised: { startTime: q.raisedFrom ?? null, endTime: q.raisedTo ?? null },
      statuses: q.status,
      page: pageRequest(q),
    };
    return toApiJson(await this.backends.statistics.call('listAlerts', request, caller));
  }

  @Post('alerts/:alertId/acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an open alert with a note on what is being done' })
  @ZodBody(acknowledgeAlertBody)
  async acknowledgeAlert(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { alertId } = parseInput(alertParams, params);
    const input = parseInput(acknowledgeAlertBody, body);
    return toApiJson(
      await this.backends.statistics.call('acknowledgeAlert', { alertId, ...input }, caller),
    );
  }

  @Get('report')
  @ApiOperation({
    summary: 'Ministry-style monthly/annual report tables; format=csv downloads them',
  })
  @ZodQuery(reportQuery)
  async report(@Caller() caller: CallContext, @Query() query: unknown, @Res() res: Response) {
    const q = parseInput(reportQuery, query);
    const request = {
      orgUnitCode: this.scope(caller, q.orgUnitCode),
      kind: `REPORT_KIND_${q.kind}`,
      period: q.period,
      format: q.format === 'csv' ? 'REPORT_FORMAT_CSV' : 'REPORT_FORMAT_STRUCTURED',
    };
    const out = await this.backends.statistics.call('getReport', request, caller);
    if (q.format === 'csv') {
      sendFile(
        res,
        out.csv,
        'text/csv; charset=utf-8',
        out.csvFileName || `report-${q.period.key}.csv`,
      );
      return;
    }
    const { csv: _csv, ...rest } = out;
    res.json(toApiJson(rest));
  }

  @Post('rebuild')
  @HttpCode(202)
  @Roles('ADMINISTRATOR')
  @ApiOperation({ summary: 'Replay every event into a fresh read model (administrators)' })
  @ZodBody(rebuildBody)
  async rebuild(@Caller() caller: CallContext, @Body() body: unknown) {
    const input = parseInput(rebuildBody, body);
    return toApiJson(await this.backends.statistics.call('rebuild', input, caller));
  }
}
