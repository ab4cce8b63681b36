import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@mediation/telemetry';
import { requestIdOf } from './request-id.middleware';

/** Paths the console's SPA fallback never answers. */
const API_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/** Baseline headers for everything the gateway serves. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  next();
}

/**
 * One line per request: method, route pattern, status, time and request id. Never headers, query
 * strings or bodies (tokens and personal data live there).
 */
export function accessLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = Date.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      log.info(
        {
          method: req.method,
          route: route ?? req.path.split('/').slice(0, 4).join('/'),
          status: res.statusCode,
          ms: Date.now() - started,
          requestId: requestIdOf(req),
        },
        'http request',
      );
    });
    next();
  };
}

/** index.html for any other GET that wants HTML, so that the console's client-side routes load. */
export function spaFallback(consoleDir: string) {
  const index = path.join(consoleDir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.method !== 'GET' ||
      API_PATHS.test(req.path) ||
      !req.accepts('html') ||
      !fs.existsSync(index)
    )
      return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  };
}
