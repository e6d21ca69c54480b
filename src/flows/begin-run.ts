import type { JobQueue } from '../jobs/job-queue.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { enqueueCompletion } from './complete/register-jobs.js';
import { LEASE_MS } from './complete/save-running.js';
import type { FlowActivity } from './flow-activity.js';
import { flowKey, isFinished, saveFlow, type FlowRecord } from './flow-record.js';

/**
 * The callback (or Retry) waits for the flow to finish until this long after the request arrived, then shows the
 * progress page: the browser has its answer within the callback's first second, and a flow done by then goes
 * straight to its final page. Counted from arrival, not from the hand-off to the job queue, so time spent
 * claiming and saving under load comes out of the wait rather than on top of it.
 */
export const FAST_PATH_MS = 900;
/** While a run is younger than this, the progress page reloads every second, then every two. */
export const QUICK_REFRESH_MS = 5_000;
/** Store polls, for a job run by another process (or not yet started here): nothing here announces its outcome. */
const POLL_MS = 100;
/**
 * While the flow's steps run in this instance, its outcome is announced here (FlowActivity), so the store is read
 * again only as a safety net: under load (many callbacks queued behind one portal's lock) 100 ms polls were
 * several reads of the whole record per callback for nothing.
 */
const LOCAL_RUN_POLL_MS = 500;

/**
 * The lease of a run still waiting in the queue. A worker replaces it with its own short lease (LEASE_MS) when it
 * picks the job up; until then the job sits safely in the queue (and BullMQ hands a stalled one to another
 * worker), so only a much longer wait means it was lost. With the short lease, a burst of flows queued behind one
 * portal's lock outlived it while waiting, and readers "recovered" then failed them (CONNECT_INTERRUPTED). Past
 * this lease a reader still asks the queue first: a job not yet taken is left to its turn (read-flow.ts).
 */
export const QUEUED_LEASE_MS = 10 * LEASE_MS;

/** Marks a new run of the flow's completion and hands it to the job queue (from the callback, or Retry). */
export async function beginRun(deps: { store: KeyValueStore; jobs: JobQueue; now: () => number }, record: FlowRecord): Promise<FlowRecord> {
  const { error: _previous, ...rest } = record;
  const now = deps.now();
  const running: FlowRecord = {
    ...rest,
    status: 'running',
    run: (record.run ?? 0) + 1,
    runStartedAt: now,
    leaseUntil: now + QUEUED_LEASE_MS,
  };
  await saveFlow(deps.store, running);
  await enqueueCompletion(deps.jobs, running);
  return running;
}

/** What is left of the fast path for a request that arrived at `arrivedAt` (Date.now()). */
export const fastPathLeft = (arrivedAt: number): number => Math.max(0, arrivedAt + FAST_PATH_MS - Date.now());

/** Seconds the progress page waits before reloading: 1 while the run is young (most finish within a couple of seconds), then 2. */
export const refreshSecondsFor = (record: FlowRecord, now: number): number =>
  record.runStartedAt !== undefined && now - record.runStartedAt < QUICK_REFRESH_MS ? 1 : 2;

/**
 * Waits up to `waitMs` for the flow to finish, reading the store (so it works when another process ran the
 * job). Returns the finished record, or undefined when it is still running.
 */
export async function awaitFinished(
  deps: { store: KeyValueStore; activity?: FlowActivity },
  flowId: string,
  waitMs = FAST_PATH_MS,
): Promise<FlowRecord | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const watch = deps.activity?.watch(flowId);
    try {
      const record = await deps.store.get<FlowRecord>(flowKey(flowId));
      if (record && isFinished(record)) return record;
      const left = until - Date.now();
      if (left <= 0) return undefined;
      const poll = deps.activity?.runsHere(flowId) ? LOCAL_RUN_POLL_MS : POLL_MS;
      const wait = Math.min(poll, left);
      await (watch ? watch.wait(wait) : new Promise((resolve) => setTimeout(resolve, wait)));
    } finally {
      watch?.stop();
    }
  }
}
