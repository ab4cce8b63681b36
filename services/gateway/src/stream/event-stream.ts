import type { Response } from 'express';

/** Answers 200 text/event-stream and sends the headers now; the stream itself follows. */
export function beginEventStream(res: Response): void {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-transform');
  res.setHeader('connection', 'keep-alive');
  // Proxies (nginx ingress) must not buffer the stream.
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
}
