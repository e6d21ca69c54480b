import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { loggablePath } from './loggable-path.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id (X-Request-Id), set by the request logger; lines about the request carry it as `requestId`. */
    id?: string;
  }
}

/** An incoming id is reused only if it is short and plain, so that it cannot forge or break a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's `X-Request-Id` when sane (a proxy's or partner's), else a new UUID; echoed back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * One structured line per request (`msg: "request"`, with `requestId`, `req: {method, path}`, `res: {status}`,
 * `responseTime`); the error handler's line carries the same `requestId`. Only the path is logged, never
 * the query string: the callback's carries the authorization code and state. Headers are not logged at all
 * (cookies). 5xx answers and aborted requests are logged at warn: the error handler writes the error itself,
 * once. A connect session's page carries its single-use token in the path, so that segment is replaced.
 *
 * The same line pino-http wrote, for less: no child logger per request (the id is a field of the line), and the
 * line is built only if its level is enabled, so at `warn` a healthy request costs one id and one listener
 * instead of two child loggers and a pass through the redaction paths. Nothing is added to `req` but its id: a
 * property defined per request (as a lazy getter would be) turns the request object into a slow dictionary.
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = requestId(req, res);
    const { method, url } = req;
    const started = performance.now();
    req.id = id;
    res.once('close', () => {
      const aborted = !res.writableFinished;
      const level = aborted || res.statusCode >= 500 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        requestId: id,
        req: { method, path: loggablePath(url.split('?')[0] ?? '') },
        res: { status: res.statusCode },
        responseTime: Math.round(performance.now() - started),
        ...(aborted ? { err: { message: 'request aborted' } } : {}),
      };
      logger[level](line, 'request');
    });
    next();
  };
}
