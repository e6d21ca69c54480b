import type { DataflowSchedule } from '../config/dataflow-settings.js';
import { dataflowNames } from '../flows/dataflow/dataflow-names.js';
import type { DataflowState, DataflowWarning } from '../flows/dataflow/dataflow-state.js';
import type { FlowRecord } from '../flows/flow-record.js';
import { en, type MessageKey } from '../i18n/messages-en.js';
import type { Translate } from '../i18n/translate.js';

/** What the result page's dataflow panel shows, in the reader's language; undefined when DATAFLOW is off. */
export function dataflowPanel(record: FlowRecord, t: Translate) {
  const state = record.dataflow;
  const hubId = record.hub?.hubId;
  if (!state?.status || hubId === undefined) return undefined;
  const names = dataflowNames(hubId);
  const error = state.error;
  const params = Object.fromEntries(Object.entries(error?.details ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : String(v)]));
  if (error?.code === 'DATAFLOW_PERMISSION_DENIED' && typeof error.details?.api === 'string') {
    params.permission = t(`dataflow.permission.${error.details.api}` as MessageKey);
  }
  return {
    status: state.status,
    statusWords: t(`dataflow.status.${state.status}`),
    ids: state.ids,
    // A schema's $id is a URL, longer than a phone's line: the page may break it after a slash, and only there.
    schemaIdParts: state.ids.schemaId ? splitAfterSlashes(state.ids.schemaId) : [],
    names,
    settings: state.settings,
    schedule: state.schedule ? scheduleInWords(state.schedule, t) : scheduleInWords(state.settings.schedule, t),
    warnings: state.warnings.map((w) => warningInWords(w, t)),
    ...(state.failedStep ? { failedStep: t('dataflow.failedStep', { step: t(`result.step.${state.failedStep}`) }) } : {}),
    ...(error
      ? {
          error: {
            code: error.code,
            title: t(`${wordsOf(error)}.title` as MessageKey, params),
            action: t(`${wordsOf(error)}.action` as MessageKey, params),
          },
        }
      : {}),
    ...(state.firstRun ? { firstRun: runInWords(state.firstRun, t) } : {}),
  };
}

/** `https://ns.adobe.com/t/schemas/1a2b` → `https://`, `ns.adobe.com/`, `t/`, `schemas/`, `1a2b` (a `//` stays whole). */
export function splitAfterSlashes(id: string): string[] {
  return id.split(/(?<=\/)(?!\/)/);
}

/** An error's words: those of its `reason` detail when the catalog has them (a more precise case of the code), else the code's. */
function wordsOf(error: NonNullable<DataflowState['error']>): string {
  const precise = `error.${error.code}.${String(error.details?.reason)}`;
  return Object.hasOwn(en, `${precise}.title`) ? precise : `error.${error.code}`;
}

/** "every hour, from 14:05 UTC"; without a start time (before creation) only the rhythm. */
export function scheduleInWords(schedule: DataflowSchedule & { startTime?: number }, t: Translate): string {
  const { frequency, interval } = schedule;
  const key = frequency === 'minute' ? 'minute' : interval === 1 ? frequency : `${frequency}s`;
  const every = t(`dataflow.every.${key}` as MessageKey, { n: interval });
  if (!schedule.startTime) return every;
  const time = new Date(schedule.startTime * 1000).toISOString().slice(11, 16);
  return t('dataflow.from', { every, time });
}

function warningInWords(warning: DataflowWarning, t: Translate): string {
  if (warning.code === 'mapping-dropped') return t('dataflow.warning.mapping-dropped', { field: warning.field });
  return t(`dataflow.warning.${warning.code}`);
}

function runInWords(run: NonNullable<DataflowState['firstRun']>, t: Translate): string {
  const status = run.status.toLowerCase();
  if (status === 'success') return t('dataflow.run.success', { records: run.records ?? 0 });
  if (status === 'failed') return t('dataflow.run.failed');
  return t(status === 'inprogress' ? 'dataflow.run.inProgress' : 'dataflow.run.pending');
}
