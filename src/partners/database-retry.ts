import type { JobContext, JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';

/** Attempts in all and the base of their exponential backoff (InProcessQueue's backoffDelay, BullMQ's `exponential`). */
export interface RetrySchedule {
  readonly attempts: number;
  readonly backoffMs: number;
}

/** What became of one write retried in the background, for metrics. */
export type RetryOutcome = 'queued' | 'written' | 'failed';

/**
 * For a write the database refused (the registry row, the partner's event): 8 attempts from 2 s, waits of up to 2, 4,
 * … 128 s, about two to four minutes in all (the jitter halves a wait at most): enough for a database failover or
 * restart, short enough that a partner polling the connection, or waiting for its webhook, soon sees it. Both writes
 * go to the same database, so they share one schedule.
 */
export const DATABASE_RETRY: RetrySchedule = { attempts: 8, backoffMs: 2_000 };

/** Where a retried write is counted and logged. */
export interface RetryDeps {
  jobs: JobQueue;
  logger: Logger;
  schedule?: RetrySchedule;
  onRetry?: (outcome: RetryOutcome) => void;
}

/**
 * Queues the retry job of a write the database refused with `cause` just now, on the schedule (its first attempt
 * after one backoff; the job id drops a second queueing of the same write), then counts it and logs
 * `<what> write failed; retrying in the background` at warn with `log`.
 */
export async function queueRetry(
  deps: RetryDeps,
  what: string,
  job: { name: string; id: string; data: unknown },
  log: object,
  cause: unknown,
): Promise<void> {
  const { attempts, backoffMs } = deps.schedule ?? DATABASE_RETRY;
  await deps.jobs.enqueue(job.name, job.data, { jobId: job.id, attempts, backoffMs, delayMs: backoffMs });
  deps.onRetry?.('queued');
  deps.logger.warn({ ...log, err: { message: (cause as Error).message } }, `${what} write failed; retrying in the background`);
}

/**
 * One background attempt of such a write. Landed: counted and logged at info. Failed: thrown, so the queue tries
 * again; on the schedule's last attempt first counted and logged as abandoned at error, with `abandoned()`'s fields.
 */
export async function attemptRetry(
  deps: Pick<RetryDeps, 'logger' | 'onRetry'>,
  what: string,
  context: JobContext,
  log: object,
  write: () => Promise<void>,
  abandoned: () => object = () => ({}),
): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (context.attempt >= context.maxAttempts) {
      deps.onRetry?.('failed');
      deps.logger.error({ ...log, ...abandoned(), err: { message: (err as Error).message } }, `${what} write abandoned`);
    }
    throw err;
  }
  deps.onRetry?.('written');
  deps.logger.info(log, `${what} write retried and written`);
}
