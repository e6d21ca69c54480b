import type { EventLog } from '../events/event-log.js';
import type { JobContext } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import { attemptRetry, queueRetry, type RetryDeps } from './database-retry.js';
import type { WebhookEvent } from './webhook-event.js';

export const EVENT_LOG_WRITE_JOB = 'partner-event-log-write';

/** Job data: the event as built when the flow finished (its id and created_at kept), plain JSON with no credential. */
export interface EventLogWriteJob {
  readonly partnerId: string;
  readonly event: WebhookEvent;
}

export interface EventLogRetryDeps extends RetryDeps {
  eventLog: EventLog;
  /** Queues the webhook of an event now logged (nothing for a partner without a webhook). */
  send: (partnerId: string, event: WebhookEvent) => Promise<void>;
}

/**
 * A partner event the event log refused, logged again in the background and only then sent, until the schedule is
 * spent. One job per event: its id is the event's, so a second queueing of it is dropped. Each attempt appends and
 * then queues the webhook; both are safe to repeat (an id already logged is not appended again, and the first
 * delivery's job id is the event id and attempt, webhook-delivery.ts), so an attempt whose send failed after the
 * append landed is tried whole again without a second event or a second webhook.
 */
export class EventLogRetry {
  /** The retry job, registered with the outbox's other jobs. */
  readonly jobs: JobTable = { [EVENT_LOG_WRITE_JOB]: (job: EventLogWriteJob, context: JobContext) => this.#retry(job, context) };

  constructor(private readonly deps: EventLogRetryDeps) {}

  /** Queues `event`, whose append failed with `cause` just now: its first retry waits one backoff. */
  queue(partnerId: string, event: WebhookEvent, cause: unknown): Promise<void> {
    const data: EventLogWriteJob = { partnerId, event };
    // '-', not ':': BullMQ refuses ':' in custom ids (event ids are `evt_<uuid>`).
    const id = `${EVENT_LOG_WRITE_JOB}-${event.id}`;
    const log = { partnerId, eventId: event.id, type: event.type };
    return queueRetry(this.deps, 'partner event log', { name: EVENT_LOG_WRITE_JOB, id, data }, log, cause);
  }

  #retry({ partnerId, event }: EventLogWriteJob, context: JobContext): Promise<void> {
    const log = { partnerId, eventId: event.id, type: event.type, attempt: context.attempt };
    let logged = false;
    const write = async () => {
      await this.deps.eventLog.append(partnerId, event);
      logged = true;
      await this.deps.send(partnerId, event);
    };
    // Abandoned and not logged: GET /api/v1/events never lists it and no webhook went out. Logged but not queued: the
    // partner may still ask for it with POST /api/v1/events/{id}/redeliver.
    return attemptRetry(this.deps, 'partner event log', context, log, write, () => ({ logged }));
  }
}
