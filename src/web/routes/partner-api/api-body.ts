import express, { type NextFunction, type Request, type Response } from 'express';
import { AppError, toAppError } from '../../../errors/app-error.js';
import type { Logger } from '../../../logging/logger.js';
import { translator } from '../../../i18n/translate.js';
import type { MessageKey } from '../../../i18n/messages-en.js';
import { fromExpress } from '../../error-handler.js';
import { loggablePath } from '../../loggable-path.js';

/**
 * Connect-session requests are a few short fields plus the partner's metadata (20 × 500 characters at most,
 * ≈ 49 KB of UTF-8 if every character takes 4 bytes); anything larger is refused before it is parsed.
 */
const MAX_BODY = '64kb';

/** JSON bodies only: a wrong content type is 415, not an empty body that fails later with a vaguer error. */
export function jsonBody() {
  const parse = express.json({ limit: MAX_BODY, strict: true, type: () => true });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/json')) return next(new AppError('REQUEST_NOT_JSON', 'content-type is not application/json'));
    parse(req, res, (err?: unknown) => next(err === undefined ? undefined : fromBodyParser(err)));
  };
}

function fromBodyParser(err: unknown): AppError {
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large') return new AppError('REQUEST_TOO_LARGE', 'body over limit', { cause: err });
  if (type === 'entity.parse.failed') return new AppError('REQUEST_NOT_JSON', 'body is not JSON', { cause: err });
  return new AppError('REQUEST_INVALID', 'unreadable body', { cause: err });
}

/** The API's errors: `{error: {code, message, fields}}`, never an HTML page, never a stack or upstream body. */
export function apiErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    // `/api/v1/connect-sessions/%` (a parameter that is not percent-encoding) is the client's mistake: 404, not 500.
    const appError = fromExpress(err) ?? toAppError(err);
    const level = appError.status >= 500 ? 'error' : appError.code === 'NOT_FOUND' ? 'info' : 'warn';
    logger[level]({ errorCode: appError.code, path: loggablePath(req.originalUrl) }, 'partner API request refused');
    const fields = appError.details.fields;
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: translator('en')(`error.${appError.code}.title` as MessageKey, {}),
        fields: Array.isArray(fields) ? fields : [],
      },
    });
  };
}
