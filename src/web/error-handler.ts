import type { NextFunction, Request, Response } from 'express';
import { AppError, toAppError } from '../errors/app-error.js';
import { summarizeError, type Logger } from '../logging/logger.js';
import { renderError } from './render-error.js';
import type { RenderView } from './views.js';

/** The one place errors become responses (node-oidc-provider error_handler). */
export function errorHandler(logger: Logger, render: RenderView) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const appError = fromExpress(err) ?? toAppError(err);
    const level = appError.status >= 500 ? 'error' : 'warn';
    logger[level]({ errorCode: appError.code, path: req.path, err: summarizeError(appError) }, 'request failed');
    renderError(req, res, render, appError);
  };
}

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', 'no such route'));
}

/** body-parser style errors carry a 4xx `status`; anything else is unexpected. */
function fromExpress(err: unknown): AppError | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status === 404) return new AppError('NOT_FOUND', 'not found', { cause: err });
  return undefined;
}
