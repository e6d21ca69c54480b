import type { JobQueue } from '../../jobs/job-queue.js';
import type { JobTable } from '../../jobs/job-table.js';
import type { FlowRecord } from '../flow-record.js';
import type { CompletionDeps } from './completion-deps.js';
import { runCompletion } from './run-completion.js';

export const COMPLETE_FLOW_JOB = 'complete-flow';

/** Job data: ids only. It crosses processes (Redis) and never holds a code or token; those stay sealed in the record. */
export interface CompleteFlowJob {
  flowId: string;
  run: number;
}

/** Attempts per run: a throttled or briefly unavailable upstream gets two more tries before the page says "Retry". */
const ATTEMPTS = 3;
const BACKOFF_MS = 1_000;

/** Completion's one job; any JobQueue implementation runs it the same way. */
export function completionJobs(deps: CompletionDeps): JobTable {
  return { [COMPLETE_FLOW_JOB]: (data: CompleteFlowJob, job) => runCompletion(deps, data, job) };
}

/** The id of a run's completion job (flow + run), so a double enqueue is a no-op. No ':' (BullMQ custom ids). */
export const completionJobId = (record: FlowRecord): string => `complete-flow-${record.id}-${record.run ?? 1}`;

/** Queues a flow's completion. */
export function enqueueCompletion(jobs: JobQueue, record: FlowRecord): Promise<void> {
  return jobs.enqueue<CompleteFlowJob>(
    COMPLETE_FLOW_JOB,
    { flowId: record.id, run: record.run ?? 1 },
    { jobId: completionJobId(record), attempts: ATTEMPTS, backoffMs: BACKOFF_MS },
  );
}
