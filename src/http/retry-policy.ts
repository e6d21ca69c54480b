/**
 * When a repeatable upstream call is tried again. The choices follow undici's RetryHandler defaults
 * (statuses 429/500/502/503/504, exponential backoff, Retry-After honoured) with a lower ceiling,
 * because a person is waiting on the page.
 */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 2_000;

export function shouldRetryStatus(status: number): boolean {
  return RETRY_STATUSES.has(status);
}

/** Delay before attempt `attempt + 1`; a Retry-After in seconds wins when it is within the ceiling. */
export function retryDelayMs(attempt: number, retryAfter: string | string[] | undefined): number {
  const header = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  if (seconds !== undefined) return Math.min(seconds * 1000, MAX_DELAY_MS);
  return Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Match on `code`/`name`, not `instanceof`: more than one undici copy may be loaded (undici Errors.md). */
export function isTimeoutError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return err.name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code));
}
