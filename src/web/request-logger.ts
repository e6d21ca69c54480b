import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';

/**
 * One structured line per request. Only the path is logged, never the query string: the callback's
 * carries the authorization code and state. Headers are not logged at all (cookies). A connect
 * session's page carries its single-use token in the path, so that segment is replaced.
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { requestId, method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

const loggablePath = (path: string) => path.replace(/^\/connect-sessions\/[^/]+/, '/connect-sessions/[token]');
