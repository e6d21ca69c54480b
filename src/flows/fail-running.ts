import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { failDataflow } from './dataflow/dataflow-outcome.js';
import { failFlow } from './fail-flow.js';
import type { FlowEventSink } from './flow-events.js';
import type { FlowRecord } from './flow-record.js';

/**
 * A running flow whose worker is gone (shut down, or vanished twice): once connected, only the dataflow was running,
 * so only the dataflow fails and the connection stands; before that, the flow fails.
 */
export function failRunning(
  deps: { store: KeyValueStore; events: FlowEventSink; now: () => number },
  record: FlowRecord,
  why: string,
): Promise<FlowRecord> {
  const interrupted = new AppError('CONNECT_INTERRUPTED', why);
  if (record.status === 'connected') return failDataflow(deps, record, interrupted);
  return failFlow(deps.store, record, interrupted, deps.events, deps.now);
}
