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
