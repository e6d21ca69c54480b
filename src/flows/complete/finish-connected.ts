import { dataflowView } from '../dataflow/dataflow-state.js';
import { saveFlow, type FlowRecord } from '../flow-record.js';
import type { CompletionDeps } from './completion-deps.js';

/** The flow succeeded: sealed tokens are wiped (Adobe holds the credentials now), the outcome saved and announced once. */
export async function finishConnected(deps: CompletionDeps, record: FlowRecord): Promise<FlowRecord> {
  const { sealed: _wiped, leaseUntil, currentStep: _step, ...rest } = record;
  // Auto mode: the same worker goes on with the dataflow, so its lease stays (no reader may think it died).
  const lease = record.dataflow?.status === 'running' && leaseUntil ? { leaseUntil } : {};
  const done: FlowRecord = { ...rest, ...lease, status: 'connected' };
  await saveFlow(deps.store, done);
  deps.logger.info({ flowId: done.id, connectionId: done.connection?.id, reconnected: done.reconnected ?? false }, 'flow connected');
  await deps.events
    .emit({
      type: done.reconnected ? 'connection.updated' : 'connection.created',
      flowId: done.id,
      at: deps.now(),
      target: done.target,
      ...(done.origin ? { origin: done.origin } : {}),
      ...(done.connection ? { connectionId: done.connection.id } : {}),
      dataflow: dataflowView(done.dataflow),
      ...(done.reconnected && done.origin?.reconnect ? { reason: 'reauthorized' as const } : {}),
      ...(done.hub ? { hubId: done.hub.hubId, ...(done.hub.domain ? { hubDomain: done.hub.domain } : {}) } : {}),
    })
    .catch((err: unknown) => deps.logger.warn({ flowId: done.id, err: { message: (err as Error).message } }, 'flow event not delivered'));
  return done;
}
