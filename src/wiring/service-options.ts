import type { EventLog } from '../events/event-log.js';
import { LEASE_MS } from '../flows/complete/save-running.js';
import type { StartBudget } from '../flows/start-budget.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { RetrySchedule } from '../partners/database-retry.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import type { KeyValueStore } from '../store/key-value-store.js';

/** Default shutdown grace for running steps: two leases, room for a step's upstream calls with their deadlines. */
export const COMPLETION_GRACE_MS = 2 * LEASE_MS;

export interface ServiceCloseOptions {
  /** How long running completion steps may take to finish (default COMPLETION_GRACE_MS). */
  graceMs?: number;
}

/** What tests (and the benchmark) may replace: the store, the queue, the clock, session lifetime, webhook timing. */
export interface ServiceOptions {
  store?: KeyValueStore;
  jobs?: JobQueue;
  now?: () => number;
  sessionTtlMs?: number;
  eventLog?: EventLog;
  webhookSchedule?: readonly number[];
  /** The budget of anonymous flow starts (tests give a small one). */
  startBudget?: StartBudget;
  /** The health watch's jitter source, a number in [0, 1) (tests pin it). */
  random?: () => number;
  /** Wraps the connection registry (tests make its writes fail as a database outage would). */
  wrapRegistry?: (registry: ConnectionRegistry) => ConnectionRegistry;
  /** Attempts and backoff of a registry write retried in the background (tests give a short one). */
  registryRetry?: RetrySchedule;
  /** Wraps the partner event log (tests make its writes fail as a database outage would). */
  wrapEventLog?: (log: EventLog) => EventLog;
  /** Attempts and backoff of an event log write retried in the background (tests give a short one). */
  eventLogRetry?: RetrySchedule;
}
