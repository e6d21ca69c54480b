import { AppError } from '../errors/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { sameString } from './claim-flow.js';
import { completionJobId, enqueueCompletion } from './complete/register-jobs.js';
import { LEASE_MS } from './complete/save-running.js';
import { QUEUED_LEASE_MS } from './begin-run.js';
import { failRunning } from './fail-running.js';
import type { FlowEventSink } from './flow-events.js';
import { flowKey, isRunning, saveFlow, type FlowRecord } from './flow-record.js';

export interface ReadFlowDeps {
  store: KeyValueStore;
  jobs: JobQueue;
  events: FlowEventSink;
  now: () => number;
}

/** A running flow whose worker vanished is picked up again this many times, then failed clearly. */
const MAX_RECOVERIES = 1;

/**
 * The flow of this browser, or NOT_FOUND (also for another browser's flow: no oracle). A running flow whose
 * lease ran out (its worker died or was cut off) is re-enqueued to resume from its first step not done, or, once
 * that was tried, failed with a page that says so: never "pending" for an hour. A run whose job is still waiting in
 * the queue (a backlog longer than the queued lease) has lost nothing: it is left to its turn, not run twice.
 */
export async function readFlow(deps: ReadFlowDeps, flowId: string, browserId: string | undefined): Promise<FlowRecord> {
  const record = await deps.store.get<FlowRecord>(flowKey(flowId));
  if (!record || !browserId || !sameString(record.browserId, browserId)) throw new AppError('NOT_FOUND', 'no such flow for this browser');
  if (!isRunning(record) || (record.leaseUntil ?? 0) > deps.now()) return record;
  if (await deps.jobs.isQueued(completionJobId(record))) return record;
  return recoverFlow(deps, record);
}

async function recoverFlow(deps: ReadFlowDeps, record: FlowRecord): Promise<FlowRecord> {
  // Several readers may notice at once; one of them acts per run.
  const mine = await deps.store.setIfAbsent(`flow-recover:${record.id}:${record.run ?? 1}`, deps.now(), LEASE_MS * 4);
  if (!mine) return record;
  if ((record.recoveries ?? 0) >= MAX_RECOVERIES) return failRunning(deps, record, 'the worker running this flow vanished twice');
  const resumed: FlowRecord = {
    ...record,
    run: (record.run ?? 1) + 1,
    recoveries: (record.recoveries ?? 0) + 1,
    leaseUntil: deps.now() + QUEUED_LEASE_MS,
  };
  await saveFlow(deps.store, resumed);
  await enqueueCompletion(deps.jobs, resumed);
  return resumed;
}
