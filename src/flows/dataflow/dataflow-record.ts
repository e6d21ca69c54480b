import type { KeyValueStore } from '../../store/key-value-store.js';
import type { FlowRecord } from '../flow-record.js';
import { CONTACTS_TABLE } from './dataflow-names.js';
import type { DataflowIds, DataflowState, DataflowStatus } from './dataflow-state.js';

/**
 * What the dataflow steps made for one (AEP org, sandbox, HubSpot portal, object), kept far longer than a flow
 * record (an hour): a later connection of the same portal shows it instead of offering to create it again.
 */
export interface DataflowRecord {
  ids: DataflowIds;
  status: DataflowStatus;
  schedule?: DataflowState['schedule'];
  updatedAt: number;
}

/** A year: long enough to outlive any reconnect; AEP, found by markers, stays the truth. */
const DATAFLOW_RECORD_TTL_MS = 365 * 24 * 60 * 60 * 1000;

export const dataflowRecordKey = (target: { org: string; sandbox: string }, hubId: number, object = CONTACTS_TABLE) =>
  `dataflow:${target.org}:${target.sandbox}:${hubId}:${object}`;

export async function loadDataflowRecord(store: KeyValueStore, record: FlowRecord): Promise<DataflowRecord | undefined> {
  return record.hub ? store.get<DataflowRecord>(dataflowRecordKey(record.target, record.hub.hubId)) : undefined;
}

export async function saveDataflowRecord(store: KeyValueStore, record: FlowRecord, now: number): Promise<void> {
  const state = record.dataflow;
  if (!record.hub || !state?.status) return;
  const kept: DataflowRecord = {
    ids: state.ids,
    status: state.status,
    ...(state.schedule ? { schedule: state.schedule } : {}),
    updatedAt: now,
  };
  await store.set(dataflowRecordKey(record.target, record.hub.hubId), kept, DATAFLOW_RECORD_TTL_MS);
}
