import type { JobQueue } from '../jobs/job-queue.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { enqueueCompletion } from './complete/register-jobs.js';
import { LEASE_MS } from './complete/save-running.js';
import { finishedOrTimeout } from './finished-signal.js';
import { flowKey, isFinished, saveFlow, type FlowRecord } from './flow-record.js';

/** How long the callback (or Retry) waits for the flow to finish before showing the progress page. */
export const FAST_PATH_MS = 800;
/** Store polls, for a job run by another process; one in this process wakes the wait at once (finished-signal). */
const POLL_MS = 100;

/**
 * The lease of a run still waiting in the queue. A worker replaces it with its own short lease (LEASE_MS) when it
 * picks the job up; until then the job sits safely in the queue (and BullMQ hands a stalled one to another
 * worker), so only a much longer wait means it was lost. With the short lease, a burst of flows queued behind one
 * portal's lock outlived it while waiting, and readers "recovered" then failed them (CONNECT_INTERRUPTED).
 */
export const QUEUED_LEASE_MS = 10 * LEASE_MS;

/** Marks a new run of the flow's completion and hands it to the job queue (from the callback, or Retry). */
export async function beginRun(deps: { store: KeyValueStore; jobs: JobQueue; now: () => number }, record: FlowRecord): Promise<FlowRecord> {
  const { error: _previous, ...rest } = record;
  const running: FlowRecord = { ...rest, status: 'running', run: (record.run ?? 0) + 1, leaseUntil: deps.now() + QUEUED_LEASE_MS };
  await saveFlow(deps.store, running);
  await enqueueCompletion(deps.jobs, running);
  return running;
}

/**
 * Waits up to FAST_PATH_MS for the flow to finish, reading the store (so it works when another process ran the
 * job). Returns the finished record, or undefined when it is still running.
 */
export async function awaitFinished(store: KeyValueStore, flowId: string, waitMs = FAST_PATH_MS): Promise<FlowRecord | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const record = await store.get<FlowRecord>(flowKey(flowId));
    if (record && isFinished(record)) return record;
    const left = until - Date.now();
    if (left <= 0) return undefined;
    await finishedOrTimeout(flowId, Math.min(POLL_MS, left));
  }
}
