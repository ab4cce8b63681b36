import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from '@mediation/config';
import { Caller, Roles } from '../auth/auth.decorators';
import type { CaseChange } from '../changes/case-change';
import { CaseChangeHub } from '../changes/case-change-hub';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { CallContext } from '../grpc/call-context';
import { HttpMetrics } from '../metrics/http-metrics';
import { ZodQuery } from '../openapi/zod-openapi';
import { problem, ProblemError } from '../problems/problem';
import { id } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { beginEventStream } from './event-stream';

export const caseChangesQuery = z.object({ caseId: id.optional() });

/**
 * Live case changes as server-sent events: every case, mediation and referral event within the
 * caller's scope (org subtree; a stationed lawyer's desk), reduced to its envelope, type and a
 * short status. Backpressure: while the socket is full, events wait in a bounded queue; past its
 * limit they are dropped and the client gets one "resync" event when the socket drains (re-read
 * the API). A "resync" also follows whenever the gateway's consumer had to join its group again
 * (events may have passed unread). The client's subscription ends when it goes away.
 */
@ApiTags('stream')
@ApiBearerAuth()
@Roles('VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'STATIONED_LAWYER', 'ADMINISTRATOR')
@Controller('api/v1/stream')
export class CaseChangesController {
  constructor(
    @Inject(CaseChangeHub) private readonly hub: CaseChangeHub,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(HttpMetrics) private readonly metrics: HttpMetrics,
  ) {}

  @Get('cases')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Live case changes in your scope (text/event-stream)',
    description:
      'Events: "ready" once ({"live": true when the gateway reads Kafka}), "change" per event ' +
      '({eventId, eventType, status, caseId, orgUnitCode, occurredAt, aggregateType, aggregateId}; ' +
      'no party data: re-read the case), "resync" when events may have been missed (dropped for ' +
      'a slow client: {"dropped": n}; the gateway rejoined Kafka: {"reason": "rejoined"}); ' +
      '": keep-alive" comments every SSE_KEEPALIVE_MS. A live feed from the latest offset, not ' +
      'history. 503 when the gateway has the stream turned off.',
  })
  @ZodQuery(caseChangesQuery)
  cases(@Caller() caller: CallContext, @Query() query: unknown, @Res() res: Response): void {
    const q = parseInput(caseChangesQuery, query);
    if (!this.hub.enabled)
      throw new ProblemError(problem(503, 'Live case changes are turned off on this gateway.'));
    openChangeStream(res, this.hub, {
      principal: caller.principal,
      expiresAt: caller.expiresAt,
      caseId: q.caseId,
      keepAliveMs: this.config.SSE_KEEPALIVE_MS,
      maxQueued: this.config.SSE_MAX_QUEUED_EVENTS,
      onOpen: () => this.metrics.streamOpened(),
      onClose: () => this.metrics.streamClosed(),
    });
  }
}

export function openChangeStream(
  res: Response,
  hub: CaseChangeHub,
  options: {
    principal: CallContext['principal'];
    /** The caller's token expiry: the stream ends then. */
    expiresAt?: Date;
    caseId?: string;
    keepAliveMs: number;
    maxQueued: number;
    onOpen?: () => void;
    onClose?: () => void;
  },
): void {
  beginEventStream(res, options);

  let closed = false;
  let blocked = false;
  let dropped = 0;
  let seq = 0;
  const queue: string[] = [];

  // Writes now, or queues while the socket is full; never lets the queue grow past maxQueued.
  const write = (chunk: string) => {
    if (closed) return;
    if (blocked) {
      if (queue.length >= options.maxQueued) {
        dropped += queue.length + 1;
        queue.length = 0;
      } else queue.push(chunk);
      return;
    }
    if (!res.write(chunk)) {
      blocked = true;
      res.once('drain', drain);
    }
  };
  const drain = () => {
    blocked = false;
    if (dropped) {
      const n = dropped;
      dropped = 0;
      write(`event: resync\ndata: ${JSON.stringify({ dropped: n })}\n\n`);
    }
    while (queue.length && !blocked && !closed) write(queue.shift()!);
  };

  const keepAlive = setInterval(() => {
    if (!blocked) write(': keep-alive\n\n');
  }, options.keepAliveMs);
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    unsubscribe();
    queue.length = 0;
    options.onClose?.();
    res.end();
  };
  const unsubscribe = hub.watch({
    principal: options.principal,
    caseId: options.caseId,
    send: (change: CaseChange) => {
      seq += 1;
      write(`id: ${seq}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
    },
    resync: (reason: string) => write(`event: resync\ndata: ${JSON.stringify({ reason })}\n\n`),
    close: finish,
  });
  options.onOpen?.();
  res.on('close', finish);
  write(': connected\n\n');
  write(`event: ready\ndata: ${JSON.stringify({ live: hub.live })}\n\n`);
}
