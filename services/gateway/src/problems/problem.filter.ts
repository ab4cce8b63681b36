import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@mediation/telemetry';
import { isGrpcFailure, problemFromGrpc } from './grpc-problem.mapper';
import { problem, ProblemError, PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import { requestIdOf } from '../http/request-id.middleware';

/** Turns whatever was thrown into the one problem+json shape. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return { ...error.problem };
  if (isGrpcFailure(error)) return problemFromGrpc(error);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's own errors (unknown route, body parser) carry no user data.
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body && 'message' in body
        ? String((body as { message: unknown }).message)
        : error.message;
    return problem(status, status >= 500 ? undefined : message);
  }
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return problem(status, (error as Error).message); // body-parser errors (400, 413, 415)
  return problem(500);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = toProblem(error);
    body.instance = req.originalUrl?.split('?')[0];
    body.requestId = requestIdOf(req);
    if (body.status >= 500 && body.status !== 501)
      this.log.error(
        { err: error, requestId: body.requestId, path: body.instance },
        'request failed',
      );
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
