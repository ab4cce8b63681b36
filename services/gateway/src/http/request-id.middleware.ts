import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/**
 * Every request gets an id: the caller's x-request-id when it looks sane (so that the hotline's
 * call system can correlate), else a fresh UUID. It is echoed back, logged, and forwarded to the
 * services as x-correlation-id, which ends up in the events' envelopes.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(REQUEST_ID_HEADER);
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  (req as Request & { requestId?: string }).requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export function requestIdOf(req: Request): string | undefined {
  return (req as Request & { requestId?: string }).requestId;
}
