import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import type { Partner } from '../config/partner.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signer.js';
import type { WebhookEvent } from './webhook-event.js';

export const WEBHOOK_JOB = 'partner-webhook';

/**
 * Delay before each attempt, in ms. The first retry comes 5 s after a failure (the contract asks for
 * one within 10 s); 8 attempts span 5 s + 30 s + 2 min + 5 min + 15 min + 30 min + 1 h ≈ 1 h 52 min
 * (contract: ≥ 6 attempts over ≥ 10 min), long enough to ride out a partner's deploy or short outage.
 */
export const WEBHOOK_SCHEDULE_MS: readonly number[] = [0, 5_000, 30_000, 120_000, 300_000, 900_000, 1_800_000, 3_600_000];

export interface WebhookJob {
  partnerId: string;
  event: WebhookEvent;
  attempt: number;
}

export interface WebhookDeliveryDeps {
  jobs: JobQueue;
  partners: readonly Partner[];
  logger: Logger;
  timeoutMs: number;
  schedule?: readonly number[];
  /** Told each attempt's outcome (the deliveries counter of /metrics). */
  onDelivery?: (outcome: 'delivered' | 'retried' | 'failed') => void;
}

/**
 * Each attempt is its own job, delayed by the schedule above, with a job id made of the event id and
 * attempt number, so a duplicate enqueue is dropped and every attempt carries the same event id.
 */
export function registerWebhookDelivery(deps: WebhookDeliveryDeps): (job: WebhookJob) => Promise<void> {
  const schedule = deps.schedule ?? WEBHOOK_SCHEDULE_MS;
  const enqueue = (job: WebhookJob) =>
    deps.jobs.enqueue(WEBHOOK_JOB, job, { jobId: `webhook:${job.event.id}:${job.attempt}`, delayMs: schedule[job.attempt - 1] ?? 0 });
  deps.jobs.handle<WebhookJob>(WEBHOOK_JOB, async (job) => {
    const partner = deps.partners.find((p) => p.id === job.partnerId);
    if (!partner?.webhook) return;
    const outcome = await deliver(partner.webhook, job.event, deps.timeoutMs);
    if (outcome === 'delivered') return deps.onDelivery?.('delivered');
    const log = { partnerId: partner.id, eventId: job.event.id, attempt: job.attempt, outcome };
    if (job.attempt >= schedule.length) {
      deps.onDelivery?.('failed');
      return deps.logger.error(log, 'webhook abandoned after its last attempt');
    }
    deps.onDelivery?.('retried');
    deps.logger.warn(log, 'webhook delivery failed; will retry');
    await enqueue({ ...job, attempt: job.attempt + 1 });
  });
  return (job) => enqueue(job);
}

/** One POST with a deadline. Redirects are not followed: a webhook URL is exact, like a return URL. */
async function deliver(webhook: { url: string; secret: string }, event: WebhookEvent, timeoutMs: number): Promise<string> {
  const body = JSON.stringify(event);
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'hubspot-aep-connect-webhooks',
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? 'delivered' : `status ${res.status}`;
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
  }
}
