import type { AppError } from '../../errors/app-error.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import type { FlowEventSink, FlowEventType } from '../flow-events.js';
import { saveFlow, type FlowRecord } from '../flow-record.js';
import { loadDataflowRecord, saveDataflowRecord } from './dataflow-record.js';
import { DATAFLOW_STEP_NAMES, createdIds, dataflowView, type DataflowStepName } from './dataflow-state.js';

export interface DataflowOutcomeDeps {
  store: KeyValueStore;
  events: FlowEventSink;
  now: () => number;
}

/**
 * Once the connection is made: `auto` goes on with the dataflow steps; `offer` waits for a click, unless this
 * portal's dataflow already exists (it is shown instead). Returns whether the steps go on now.
 */
export async function dataflowAfterConnection(store: KeyValueStore, record: FlowRecord): Promise<boolean> {
  const state = record.dataflow;
  if (!state) return false;
  if (state.settings.mode === 'auto') {
    state.status = 'running';
    return true;
  }
  const existing = await loadDataflowRecord(store, record);
  if (existing?.status === 'scheduled') {
    Object.assign(state, { status: 'scheduled', ids: existing.ids, ...(existing.schedule ? { schedule: existing.schedule } : {}) });
  } else state.status = 'offered';
  return false;
}

/** The steps finished: the dataflow is scheduled. Saved on the flow and in the portal's dataflow record, then announced. */
export async function finishDataflow(deps: DataflowOutcomeDeps, record: FlowRecord): Promise<FlowRecord> {
  const { leaseUntil: _lease, currentStep: _step, ...rest } = record;
  const { error: _e, failedStep: _f, ...state } = record.dataflow!;
  return settle(deps, { ...rest, dataflow: { ...state, status: 'scheduled' } }, 'dataflow.created');
}

/** A dataflow step failed: the connection stands; the failed step and the error are kept for Finish setting up. */
export async function failDataflow(deps: DataflowOutcomeDeps, record: FlowRecord, error: AppError): Promise<FlowRecord> {
  const { leaseUntil: _lease, currentStep, ...rest } = record;
  const failedStep = DATAFLOW_STEP_NAMES.find((name) => name === currentStep);
  const details = Object.keys(error.details).length > 0 ? { details: { ...error.details } } : {};
  const dataflow = {
    ...record.dataflow!,
    status: 'failed' as const,
    error: { code: error.code, ...details },
    ...(failedStep ? { failedStep } : {}),
  };
  return settle(deps, { ...rest, dataflow }, 'dataflow.failed');
}

/** Marks a new run of the dataflow steps (the offer's click, Finish setting up); the caller enqueues it. */
export function dataflowRunStarted(record: FlowRecord, leaseUntil: number): FlowRecord {
  const { error: _e, ...state } = record.dataflow!;
  return { ...record, run: (record.run ?? 0) + 1, leaseUntil, dataflow: { ...state, status: 'running' } };
}

/** Tells the partner's session that the steps began (no webhook). */
export function announceDataflowStarted(deps: DataflowOutcomeDeps, record: FlowRecord): Promise<void> {
  return emit(deps, record, 'dataflow.started');
}

export const isDataflowStep = (name: string | undefined): name is DataflowStepName =>
  (DATAFLOW_STEP_NAMES as readonly string[]).includes(name ?? '');

async function settle(deps: DataflowOutcomeDeps, record: FlowRecord, type: FlowEventType): Promise<FlowRecord> {
  await saveFlow(deps.store, record);
  await saveDataflowRecord(deps.store, record, deps.now());
  await emit(deps, record, type);
  return record;
}

async function emit(deps: DataflowOutcomeDeps, record: FlowRecord, type: FlowEventType): Promise<void> {
  await deps.events
    .emit({
      type,
      flowId: record.id,
      ...(record.run !== undefined ? { run: record.run } : {}),
      at: deps.now(),
      target: record.target,
      ...(record.origin ? { origin: record.origin } : {}),
      ...(record.connection ? { connectionId: record.connection.id } : {}),
      ...(record.dataflow?.error ? { errorCode: record.dataflow.error.code } : {}),
      dataflow: dataflowView(record.dataflow),
      // Only what the steps created goes on the connection's row, which a deletion takes apart.
      ...(record.dataflow ? { dataflowIds: createdIds(record.dataflow) } : {}),
    })
    .catch(() => undefined);
}
