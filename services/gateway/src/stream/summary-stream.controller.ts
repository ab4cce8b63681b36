import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { defaultOrgUnit, requireAggregateScope } from '../auth/scope.policy';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../config';
import { toApiJson } from '../grpc/api-json';
import { HttpMetrics } from '../metrics/http-metrics';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { problemFromGrpc } from '../problems/grpc-problem.mapper';
import { ZodQuery } from '../openapi/zod-openapi';
import { parseInput } from '../validation/parse-input';
import { streamQuery } from '../statistics/statistics.schemas';
import { beginEventStream } from './event-stream';

/**
 * Server-sent events relaying StatisticsService.WatchSummary for the caller's scope. Validation
 * and scope are checked before the stream opens (so those errors are ordinary problem+json
 * responses); once open, a gRPC error becomes an "error" event carrying the problem, and the
 * stream ends. A client going away cancels the gRPC call.
 */
@ApiTags('stream')
@ApiBearerAuth()
@Roles('ANALYST', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/stream')
export class SummaryStreamController {
  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) private readonly directory: OrgDirectory,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(HttpMetrics) private readonly metrics: HttpMetrics,
  ) {}

  @Get('summary')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live summary (text/event-stream): event "summary" on every change' })
  @ZodQuery(streamQuery)
  summary(@Caller() caller: CallContext, @Query() query: unknown, @Res() res: Response): void {
    const q = parseInput(streamQuery, query);
    const orgUnitCode = q.orgUnitCode ?? defaultOrgUnit(caller.principal, this.directory);
    requireAggregateScope(caller.principal, orgUnitCode, this.directory);
    const request = {
      orgUnitCode,
      period: q.period,
      dimensions: q.dimensions,
      filters: q.filter,
      minIntervalMs: q.minIntervalMs ?? 0,
    };
    const call = this.backends.statistics.stream('watchSummary', request, caller);
    this.metrics.streamOpened();
    relay(call, res, caller, this.config.SSE_KEEPALIVE_MS, () => this.metrics.streamClosed());
  }
}

export function relay(
  call: ClientReadableStream<unknown>,
  res: Response,
  caller: Pick<CallContext, 'expiresAt'>,
  keepAliveMs: number,
  onClosed: () => void = () => undefined,
): void {
  beginEventStream(res, caller);
  res.write(': connected\n\n');

  let id = 0;
  let closed = false;
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    onClosed();
    call.cancel();
    res.end();
  };
  call.on('data', (message: unknown) => {
    id += 1;
    res.write(`id: ${id}\nevent: summary\ndata: ${JSON.stringify(toApiJson(message))}\n\n`);
  });
  call.on('error', (error: ServiceError) => {
    // CANCELLED is our own doing when the client left.
    if (!closed && error.code !== 1)
      res.write(`event: error\ndata: ${JSON.stringify(problemFromGrpc(error))}\n\n`);
    finish();
  });
  call.on('end', finish);
  // The response closes when the client goes away (or after end): cancel the gRPC call then.
  res.on('close', finish);
}
