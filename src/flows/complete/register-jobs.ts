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

/** Queues a flow's completion; the job id (flow + run) makes a double enqueue a no-op. No ':' (BullMQ custom ids). */
export function enqueueCompletion(jobs: JobQueue, record: FlowRecord): Promise<void> {
  const run = record.run ?? 1;
  return jobs.enqueue<CompleteFlowJob>(
    COMPLETE_FLOW_JOB,
    { flowId: record.id, run },
    { jobId: `complete-flow-${record.id}-${run}`, attempts: ATTEMPTS, backoffMs: BACKOFF_MS },
  );
}
