import type { DeliveryAttempt } from '../events/event-log.js';
import { retryAfterMs } from '../http/retry-policy.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signer.js';
import type { WebhookEvent } from './webhook-event.js';

export const EVENT_ID_HEADER = 'HubSpot-AEP-Event-Id';

/**
 * What one POST came to: `delivered` (2xx); `retry` (a timeout, a connection error, 429, 5xx — the partner
 * may be down or busy — or a redirect, which is not followed: the URL is exact); `refused` (any other 4xx:
 * the partner's endpoint rejects this event, and sending it again will not change that).
 */
export interface PostOutcome {
  verdict: 'delivered' | 'retry' | 'refused';
  status: DeliveryAttempt['status'];
  /** The partner's Retry-After, in milliseconds from now. */
  retryAfterMs?: number;
}

/** One signed POST of `event`, with a deadline. Every attempt carries the same event id and a fresh signature. */
export async function postWebhook(
  webhook: { url: string; secrets: readonly string[] },
  event: WebhookEvent,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<PostOutcome> {
  const body = JSON.stringify(event);
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'hubspot-aep-connect-webhooks',
        [EVENT_ID_HEADER]: event.id,
        [SIGNATURE_HEADER]: signWebhook(webhook.secrets, body, Math.floor(now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    const waitMs = retryAfter(res.headers.get('retry-after'), now());
    return { verdict: verdictOf(res.status), status: res.status, ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}) };
  } catch (err) {
    return { verdict: 'retry', status: (err as Error).name === 'TimeoutError' ? 'timeout' : 'connection_error' };
  }
}

function verdictOf(status: number): PostOutcome['verdict'] {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && status !== 429) return 'refused';
  return 'retry';
}

/** Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds from `now`. */
export function retryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = retryAfterMs(header);
  if (seconds !== undefined) return seconds;
  // An HTTP-date is always in GMT (RFC 9110 §5.6.7); Date.parse alone would also take "-5" for a year.
  const date = /GMT$/.test(header.trim()) ? Date.parse(header) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
