import type { Response } from 'express';
import type { CallContext } from '../grpc/call-context';

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Answers 200 text/event-stream and sends the headers now; the stream itself follows. The stream
 * lasts no longer than the caller's token: then an "expired" event, and the response ends (the
 * client signs in again and reconnects).
 */
export function beginEventStream(res: Response, caller: Pick<CallContext, 'expiresAt'>): void {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-transform');
  res.setHeader('connection', 'keep-alive');
  // Proxies (nginx ingress) must not buffer the stream.
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
  if (!caller.expiresAt) return;
  const expire = setTimeout(
    () => {
      res.write(
        `event: expired\ndata: ${JSON.stringify({ title: 'The sign-in has expired' })}\n\n`,
      );
      res.end();
    },
    Math.min(MAX_TIMER_MS, Math.max(0, caller.expiresAt.getTime() - Date.now())),
  );
  res.on('close', () => clearTimeout(expire));
}
