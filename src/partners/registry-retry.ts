import type { FlowEvent } from '../flows/flow-events.js';
import type { JobContext, JobQueue } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { Logger } from '../logging/logger.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import { DATABASE_RETRY, type RetryOutcome, type RetrySchedule } from './database-retry.js';
import { applyRegistryWrite, connectionIdOf, type RegistryWrite } from './registry-write.js';

export const REGISTRY_WRITE_JOB = 'connection-registry-write';

/** Job data: the write and which event it came from (for the log), plain JSON with no credential. */
export interface RegistryWriteJob {
  readonly flowId: string;
  readonly type: FlowEvent['type'];
  readonly write: RegistryWrite;
}

export interface RegistryRetryDeps {
  connections: ConnectionRegistry;
  jobs: JobQueue;
  logger: Logger;
  schedule?: RetrySchedule;
  onRetry?: (outcome: RetryOutcome) => void;
}

/**
 * A registry write the database refused when the flow finished, tried again in the background until it lands or
 * the schedule is spent. One job per event: its id names the flow, its run and the event type, so telling the same
 * event twice queues it once ('-', not ':', as completion's ids: BullMQ refuses ':' in custom ids).
 */
export class RegistryRetry {
  /** The retry job, registered by the app with the other parts' jobs. */
  readonly jobs: JobTable = { [REGISTRY_WRITE_JOB]: (job: RegistryWriteJob, context: JobContext) => this.#retry(job, context) };

  constructor(private readonly deps: RegistryRetryDeps) {}

  /** Queues `write`, which failed with `cause` just now: its first retry waits one backoff. */
  async queue(event: FlowEvent, write: RegistryWrite, cause: unknown): Promise<void> {
    const { attempts, backoffMs } = this.deps.schedule ?? DATABASE_RETRY;
    const data: RegistryWriteJob = { flowId: event.flowId, type: event.type, write };
    const jobId = `${REGISTRY_WRITE_JOB}-${event.flowId}-${event.run ?? 1}-${event.type}`;
    await this.deps.jobs.enqueue(REGISTRY_WRITE_JOB, data, { jobId, attempts, backoffMs, delayMs: backoffMs });
    this.deps.onRetry?.('queued');
    const log = {
      flowId: event.flowId,
      event: event.type,
      connectionId: connectionIdOf(write),
      err: { message: (cause as Error).message },
    };
    this.deps.logger.warn(log, 'connection registry write failed; retrying in the background');
  }

  async #retry(job: RegistryWriteJob, context: JobContext): Promise<void> {
    const log = { flowId: job.flowId, event: job.type, connectionId: connectionIdOf(job.write), attempt: context.attempt };
    try {
      await applyRegistryWrite(this.deps.connections, job.write);
    } catch (err) {
      if (context.attempt >= context.maxAttempts) {
        this.deps.onRetry?.('failed');
        // The connection exists at Adobe but GET /api/v1/connections/{id} will not show it until a flow updates it.
        this.deps.logger.error({ ...log, err: { message: (err as Error).message } }, 'connection registry write abandoned');
      }
      throw err;
    }
    this.deps.onRetry?.('written');
    this.deps.logger.info(log, 'connection registry write retried and written');
  }
}
