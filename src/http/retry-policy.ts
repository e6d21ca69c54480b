import { handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';
import { isUnavailableStatus } from './status-class.js';

/**
 * When a repeatable upstream call is tried again. The backoff follows undici's RetryHandler defaults
 * (exponential, Retry-After honoured) with a lower ceiling,
 * because a person may be waiting on the page. The loop itself is cockatiel's (https://github.com/connor4312/cockatiel#retry).
 * What counts as retryable is src/http/status-class.ts's "unavailable" (429 and every 5xx), applied in
 * `upstreamRetryPolicy` below.
 */
const BASE_DELAY_MS = 200;
const MAX_DELAY_MS = 2_000;

/** Delay before attempt `attempt + 1` without jitter; a Retry-After in seconds wins when it is within the ceiling. */
export function retryDelayMs(attempt: number, retryAfter: string | string[] | undefined): number {
  const seconds = retryAfterMs(retryAfter);
  if (seconds !== undefined) return Math.min(seconds, MAX_DELAY_MS);
  return Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);
}

/** Retry-After as delta-seconds (RFC 9110 §10.2.3), in milliseconds; anything else is ignored (backoff applies). */
export function retryAfterMs(retryAfter: string | string[] | undefined): number | undefined {
  const header = (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter)?.trim();
  return header !== undefined && /^\d+$/.test(header) ? Number(header) * 1000 : undefined;
}

/** What a retry decision sees of an answer. */
export interface RetryableAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Jittered exponential backoff (half the step fixed, half random: AWS "equal jitter",
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/); a Retry-After wins.
 */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(readonly attempt = 0) {}
  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    // An answer's headers, or those a library error carries (Boom from Wreck keeps them in `data.headers`).
    const answer =
      'value' in context.result
        ? (context.result.value as RetryableAnswer)
        : (context.result.error as { data?: { headers?: RetryableAnswer['headers'] } } | undefined)?.data;
    const ceiling = retryDelayMs(this.attempt + 1, undefined);
    const jittered = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    const told = retryAfterMs(answer?.headers?.['retry-after']);
    const step = new RetryAfterBackoff(this.attempt + 1);
    return Object.assign(step, { duration: told !== undefined ? Math.min(told, MAX_DELAY_MS) : jittered });
  }
}

export interface RetryRule {
  /** Attempts after the first. */
  retries: number;
  /** 'unavailable': 429 and 5xx and transport failures (safe, repeatable calls). 'throttled': only 429, which did no work. */
  when: 'unavailable' | 'throttled';
  /** No attempt starts after this instant (epoch ms): retries live inside the call's deadline. */
  deadline: number;
}

/** The cockatiel policy for one call. A Retry-After longer than what is left of the deadline ends the retries. */
export function upstreamRetryPolicy(rule: RetryRule): RetryPolicy {
  const fits = (delayMs: number) => Date.now() + delayMs < rule.deadline;
  const base = handleWhen((err) => rule.when === 'unavailable' && !isPermanent(err) && fits(BASE_DELAY_MS));
  const policy = base.orWhenResult((value) => {
    const answer = value as RetryableAnswer;
    const retryable = rule.when === 'throttled' ? answer.status === 429 : isUnavailableStatus(answer.status);
    return retryable && fits(retryAfterMs(answer.headers['retry-after']) ?? BASE_DELAY_MS);
  });
  return retry(policy, { maxAttempts: rule.retries, backoff: new RetryAfterBackoff() });
}

/**
 * For a call that must not be repeated blindly (the authorization-code exchange): only a 429 is tried again,
 * because a throttled request was not processed (RFC 6585 §4), so the single-use code is still unspent.
 */
export function throttledOnlyPolicy(isThrottled: (err: Error) => boolean, retries: number, deadline: number): RetryPolicy {
  return retry(
    handleWhen((err) => isThrottled(err) && Date.now() + BASE_DELAY_MS < deadline),
    { maxAttempts: retries, backoff: new RetryAfterBackoff() },
  );
}

const isPermanent = (err: Error) => (err as { code?: unknown }).code === 'RESPONSE_TOO_LARGE';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Match on `code`/`name`, not `instanceof`: more than one undici copy may be loaded (undici Errors.md). */
export function isTimeoutError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return err.name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code));
}
