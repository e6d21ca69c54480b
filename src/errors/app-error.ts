import { ERROR_CODES, type ErrorCode, type Remedy } from './error-codes.js';

export interface AppErrorOptions {
  cause?: unknown;
  /** Safe, non-secret facts the page may show (e.g. the list of missing scopes, an upstream status). */
  details?: Readonly<Record<string, string | number | readonly string[]>>;
}

/**
 * The service's one error type. `message` is for logs only; users see the catalog text for `code`.
 * Library errors (Boom, undici codes, zod) are translated into this at the adapter boundary.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** What can make it pass (see error-codes.ts). */
  readonly remedy: Remedy;
  readonly details: Readonly<Record<string, string | number | readonly string[]>>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.remedy = ERROR_CODES[code].remedy;
    this.details = Object.freeze({ ...options.details });
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof Error && err.name === 'AppError' && 'code' in err && typeof err.code === 'string' && err.code in ERROR_CODES;
}

/** Anything unexpected becomes INTERNAL, keeping the original as `cause` for the log. */
export function toAppError(err: unknown): AppError {
  return isAppError(err) ? err : new AppError('INTERNAL', 'unexpected error', { cause: err });
}
