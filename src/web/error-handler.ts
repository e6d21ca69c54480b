import type { NextFunction, Request, Response } from 'express';
import { AppError, toAppError } from '../errors/app-error.js';
import { summarizeError, type Logger } from '../logging/logger.js';
import { isOutOfMemory, storeFull } from '../store/store-full.js';
import { loggablePath } from './loggable-path.js';
import { renderError } from './render-error.js';
import type { RenderView } from './views.js';

/**
 * The one place errors become responses (node-oidc-provider error_handler). Only our own failures are
 * logged at error level; a bad or unknown URL is the client's doing and anyone can send many, so it is
 * logged at info (404) or warn, never filling the error log.
 */
export function errorHandler({ logger, render }: { logger: Logger; render: RenderView }) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const appError = fromExpress(err) ?? (isOutOfMemory(err) ? storeFull(err) : toAppError(err));
    const level = appError.status >= 500 && !SHED.has(appError.code) ? 'error' : appError.code === 'NOT_FOUND' ? 'info' : 'warn';
    const path = loggablePath(req.originalUrl ?? req.path);
    logger[level]({ requestId: req.id, errorCode: appError.code, path, err: summarizeError(appError) }, 'request failed');
    renderError(req, res, render, appError);
  };
}

/** Refusals anyone can provoke by flooding us: worth a warning each, not an error-log line each. */
const SHED = new Set(['STARTS_BUDGET_SPENT']);

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', 'no such route'));
}

/**
 * Express's own client errors carry a 4xx `status`: 404, or 400 when a path parameter is not valid
 * percent-encoding (`GET /result/%`). Either way there is no such page; anything else is unexpected.
 */
export function fromExpress(err: unknown): AppError | undefined {
  if (err instanceof AppError) return undefined;
  const status = (err as { status?: unknown } | null)?.status;
  // No `cause`: Express's message quotes the raw parameter ("Failed to decode param '<token>%'").
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('NOT_FOUND', `not found (${status})`);
  return undefined;
}
