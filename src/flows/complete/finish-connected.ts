import { dataflowView } from '../dataflow/dataflow-state.js';
import type { FlowRecord } from '../flow-record.js';
import { hubOf, recordOutcome } from '../record-outcome.js';
import type { CompletionDeps } from './completion-deps.js';

/**
 * The flow succeeded: sealed tokens are wiped (Adobe holds the credentials now), and the outcome is settled,
 * saved and announced once, in that order (record-outcome). If a listener cannot settle (the partner's session
 * cannot be updated), the flow is not saved as connected: the error goes back to the job, which tries again,
 * rather than a success its partner would never learn.
 */
export async function finishConnected(deps: CompletionDeps, record: FlowRecord): Promise<FlowRecord> {
  const { sealed: _wiped, leaseUntil, currentStep: _step, ...rest } = record;
  // Auto mode: the same worker goes on with the dataflow, so its lease stays (no reader may think it died).
  const lease = record.dataflow?.status === 'running' && leaseUntil ? { leaseUntil } : {};
  const done: FlowRecord = { ...rest, ...lease, status: 'connected' };
  const event = {
    type: done.reconnected ? 'connection.updated' : 'connection.created',
    flowId: done.id,
    ...(done.run !== undefined ? { run: done.run } : {}),
    at: deps.now(),
    target: done.target,
    ...(done.origin ? { origin: done.origin } : {}),
    ...(done.connection ? { connectionId: done.connection.id } : {}),
    dataflow: dataflowView(done.dataflow),
    ...(done.reconnected && done.origin?.reconnect ? { reason: 'reauthorized' as const } : {}),
    ...hubOf(done),
  } as const;
  await recordOutcome(deps.store, done, event, deps.events, (err: unknown) =>
    deps.logger.warn({ flowId: done.id, err: { message: (err as Error).message } }, 'flow event not delivered'),
  );
  deps.logger.info({ flowId: done.id, connectionId: done.connection?.id, reconnected: done.reconnected ?? false }, 'flow connected');
  return done;
}
