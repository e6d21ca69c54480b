import type { FlowEvent } from '../flows/flow-events.js';
import type { JobContext } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import { attemptRetry, queueRetry, type RetryDeps } from './database-retry.js';
import { applyRegistryWrite, connectionIdOf, type RegistryWrite } from './registry-write.js';

export const REGISTRY_WRITE_JOB = 'connection-registry-write';

/** Job data: the write and which event it came from (for the log), plain JSON with no credential. */
export interface RegistryWriteJob {
  readonly flowId: string;
  readonly type: FlowEvent['type'];
  readonly write: RegistryWrite;
}

export interface RegistryRetryDeps extends RetryDeps {
  connections: ConnectionRegistry;
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
  queue(event: FlowEvent, write: RegistryWrite, cause: unknown): Promise<void> {
    const data: RegistryWriteJob = { flowId: event.flowId, type: event.type, write };
    const id = `${REGISTRY_WRITE_JOB}-${event.flowId}-${event.run ?? 1}-${event.type}`;
    const log = { flowId: event.flowId, event: event.type, connectionId: connectionIdOf(write) };
    return queueRetry(this.deps, 'connection registry', { name: REGISTRY_WRITE_JOB, id, data }, log, cause);
  }

  #retry(job: RegistryWriteJob, context: JobContext): Promise<void> {
    // Abandoned, the connection exists at Adobe but GET /api/v1/connections/{id} does not show it until a flow updates it.
    const log = { flowId: job.flowId, event: job.type, connectionId: connectionIdOf(job.write), attempt: context.attempt };
    return attemptRetry(this.deps, 'connection registry', context, log, () => applyRegistryWrite(this.deps.connections, job.write));
  }
}
