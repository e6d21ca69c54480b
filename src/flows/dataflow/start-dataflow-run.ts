import type { JobQueue } from '../../jobs/job-queue.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import { enqueueCompletion } from '../complete/register-jobs.js';
import { LEASE_MS } from '../complete/save-running.js';
import type { FlowEventSink } from '../flow-events.js';
import { saveFlow, type FlowRecord } from '../flow-record.js';
import { announceDataflowStarted, dataflowRunStarted } from './dataflow-outcome.js';

/**
 * The offer's "Create the dataflow" and the failure's "Finish setting up": a new run of the completion job over a
 * connected flow, which resumes at the first dataflow step not done. Needs only an IMS token, no HubSpot consent.
 * Anything else (still running, already scheduled, off) is left as it is.
 */
export async function startDataflowRun(
  deps: { store: KeyValueStore; jobs: JobQueue; events: FlowEventSink; now: () => number },
  record: FlowRecord,
): Promise<FlowRecord> {
  const status = record.dataflow?.status;
  if (record.status !== 'connected' || (status !== 'offered' && status !== 'failed')) return record;
  const running = dataflowRunStarted(record, deps.now() + LEASE_MS);
  await saveFlow(deps.store, running);
  await enqueueCompletion(deps.jobs, running);
  await announceDataflowStarted(deps, running);
  return running;
}
