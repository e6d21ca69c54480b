import { randomUUID } from 'node:crypto';
import type { EventLog } from '../events/event-log.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { Logger } from '../logging/logger.js';
import type { Partner } from '../config/partner.js';
import type { WebhookEvent } from './webhook-event.js';
import { postWebhook } from './webhook-post.js';

export const WEBHOOK_JOB = 'partner-webhook';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * Delay before each attempt, in ms. The first retry comes 5 s after a failure; then the gaps grow to
 * 12 hours: 12 attempts span 5 s + 30 s + 2 min + 5 min + 15 min + 30 min + 1 h + 2 h + 4 h + 8 h + 12 h ≈ 27 h 53 min,
 * so a partner's endpoint may be down for a whole day and still receive every event.
 */
export const WEBHOOK_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  30_000,
  2 * MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  12 * HOUR,
];
/** From the first attempt to the last, when every one fails: what the documents quote (about 28 hours). */
export const WEBHOOK_RETRY_SPAN_MS = WEBHOOK_SCHEDULE_MS.reduce((sum, delay) => sum + delay, 0);
/** A partner's Retry-After is honoured up to this; beyond it, the schedule's own delay applies. */
const MAX_RETRY_AFTER_MS = 12 * HOUR;

export interface WebhookJob {
  partnerId: string;
  event: WebhookEvent;
  attempt: number;
  /** A redelivery asked for through the API: one attempt, not a new series of retries. */
  single?: boolean;
}

export interface WebhookDeliveryDeps {
  jobs: JobQueue;
  partners: readonly Partner[];
  logger: Logger;
  timeoutMs: number;
  /** Where each attempt is recorded (the event's `deliveries`). */
  eventLog: EventLog;
  now?: () => number;
  schedule?: readonly number[];
  /** Told each attempt's outcome (the deliveries counter of /metrics). */
  onDelivery?: (outcome: 'delivered' | 'retried' | 'failed') => void;
}

export interface WebhookSender {
  /** Queues the first attempt of a new event. */
  send(partnerId: string, event: WebhookEvent): Promise<void>;
  /** Queues one more attempt of a kept event (same id, signed afresh). */
  redeliver(partnerId: string, event: WebhookEvent): Promise<void>;
}

/**
 * Each attempt is its own job, delayed by the schedule above (or the partner's Retry-After, when longer),
 * with a job id made of the event id and attempt number, so a duplicate enqueue is dropped and every attempt
 * carries the same event id. Timeouts, connection errors, 429 and 5xx are retried; other 4xx stop the series.
 */
export function webhookDelivery(deps: WebhookDeliveryDeps): { sender: WebhookSender; jobs: JobTable } {
  const schedule = deps.schedule ?? WEBHOOK_SCHEDULE_MS;
  const now = deps.now ?? Date.now;
  const enqueue = (job: WebhookJob, delayMs: number, jobId = `webhook:${job.event.id}:${job.attempt}`) =>
    deps.jobs.enqueue(WEBHOOK_JOB, job, { jobId, delayMs });
  const deliver = async (job: WebhookJob): Promise<void> => {
    const partner = deps.partners.find((p) => p.id === job.partnerId);
    if (!partner?.webhook) return;
    const outcome = await postWebhook(partner.webhook, job.event, deps.timeoutMs);
    await deps.eventLog
      .recordDelivery(job.event.id, { at: new Date(now()).toISOString(), status: outcome.status })
      .catch((err: Error) => deps.logger.warn({ eventId: job.event.id, err: { message: err.message } }, 'delivery not recorded'));
    if (outcome.verdict === 'delivered') return deps.onDelivery?.('delivered');
    const log = { partnerId: partner.id, eventId: job.event.id, attempt: job.attempt, status: outcome.status };
    if (outcome.verdict === 'refused' || job.single || job.attempt >= schedule.length) {
      deps.onDelivery?.('failed');
      return deps.logger.error(
        log,
        outcome.verdict === 'refused' ? 'webhook refused by the partner; not retried' : 'webhook abandoned after its last attempt',
      );
    }
    deps.onDelivery?.('retried');
    deps.logger.warn(log, 'webhook delivery failed; will retry');
    const told = Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
    await enqueue({ ...job, attempt: job.attempt + 1 }, Math.max(schedule[job.attempt] ?? 0, told));
  };
  const sender: WebhookSender = {
    send: (partnerId, event) => enqueue({ partnerId, event, attempt: 1 }, schedule[0] ?? 0),
    redeliver: (partnerId, event) =>
      enqueue({ partnerId, event, attempt: 1, single: true }, 0, `webhook:${event.id}:redelivery:${randomUUID()}`),
  };
  return { sender, jobs: { [WEBHOOK_JOB]: deliver } };
}
