import type { DataflowMode, DataflowSchedule, DataflowSettings } from '../../config/dataflow-settings.js';
import type { ErrorCode } from '../../errors/error-codes.js';

/** What the result page and the partner's session show: `offered` waits for a click; `off` is never stored. */
export type DataflowStatus = 'offered' | 'running' | 'scheduled' | 'failed';

export const DATAFLOW_STEP_NAMES = [
  'explore-table',
  'target-schema',
  'profile-identity',
  'dataset',
  'source-connection',
  'target-connection',
  'mapping',
  'dataflow',
  'publish-dataflow',
] as const;
export type DataflowStepName = (typeof DATAFLOW_STEP_NAMES)[number];

/** Everything the steps made in AEP, by the ids AEP gave them. */
export interface DataflowIds {
  schemaId?: string;
  schemaAltId?: string;
  descriptorId?: string;
  datasetId?: string;
  sourceConnectionId?: string;
  targetConnectionId?: string;
  mappingSetId?: string;
  mappingVersion?: number;
  flowId?: string;
}

/**
 * The ids of what the steps created: what a connection's deletion may remove (src/partners/delete-connection.ts).
 * With DATAFLOW_DATASET_ID the dataset and its schema are the customer's: used, shown and reported, never recorded
 * for deletion.
 */
export function createdIds(state: Pick<DataflowState, 'ids' | 'settings'>): DataflowIds {
  if (!state.settings.datasetId) return state.ids;
  const { datasetId: _dataset, schemaId: _schema, schemaAltId: _altId, ...created } = state.ids;
  return created;
}

/** Shown, not failures. */
export type DataflowWarning = { code: 'mapping-dropped'; field: string } | { code: 'profile-no-email' } | { code: 'delta-added-at' };

/** The dataflow part of one flow record. Small: the 8 KB store limit holds the whole record. */
export interface DataflowState {
  settings: DataflowSettings;
  status?: DataflowStatus;
  ids: DataflowIds;
  /** From explore: the columns the mapping may use (only those explore returned) and the delta column. */
  table?: { columns: string[]; deltaColumn: string; hasEmail: boolean };
  schedule?: DataflowSchedule & { startTime?: number };
  warnings: DataflowWarning[];
  failedStep?: DataflowStepName;
  error?: { code: ErrorCode; details?: Record<string, string | number | readonly string[]> };
  /** The first run, as last read from Flow Service (the page reads it again while it is not final). */
  firstRun?: { status: string; records?: number };
}

/** The one object the session status and the webhooks carry (absent fields omitted). */
export interface DataflowView {
  status: DataflowStatus | 'off';
  id?: string;
  dataset_id?: string;
  schema_id?: string;
  source_connection_id?: string;
  target_connection_id?: string;
  mapping_set_id?: string;
  schedule?: { frequency: string; interval: number; start_time?: string };
  error_code?: string;
  failed_step?: string;
  warnings?: string[];
}

export function dataflowView(state: DataflowState | undefined): DataflowView {
  if (!state?.status) return { status: 'off' };
  const { ids, schedule } = state;
  return {
    status: state.status,
    ...(ids.flowId ? { id: ids.flowId } : {}),
    ...(ids.datasetId ? { dataset_id: ids.datasetId } : {}),
    ...(ids.schemaId ? { schema_id: ids.schemaId } : {}),
    ...(ids.sourceConnectionId ? { source_connection_id: ids.sourceConnectionId } : {}),
    ...(ids.targetConnectionId ? { target_connection_id: ids.targetConnectionId } : {}),
    ...(ids.mappingSetId ? { mapping_set_id: ids.mappingSetId } : {}),
    ...(schedule
      ? {
          schedule: {
            frequency: schedule.frequency,
            interval: schedule.interval,
            ...(schedule.startTime ? { start_time: new Date(schedule.startTime * 1000).toISOString() } : {}),
          },
        }
      : {}),
    ...(state.error ? { error_code: state.error.code } : {}),
    ...(state.failedStep ? { failed_step: state.failedStep } : {}),
    warnings: state.warnings.map((w) => (w.code === 'mapping-dropped' ? `${w.code}:${w.field}` : w.code)),
  };
}

/** The settings a flow starts with: the deployment's, then the partner's entry, then the connect session's mode. */
export function resolveSettings(
  deployment: DataflowSettings,
  partner?: Partial<DataflowSettings>,
  sessionMode?: DataflowMode,
): DataflowSettings {
  return { ...deployment, ...partner, ...(sessionMode ? { mode: sessionMode } : {}) };
}
