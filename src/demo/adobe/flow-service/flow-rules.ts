import { providerRejection, type FlowFailure } from './error-catalog.js';
import type { ExploreColumn } from './hubspot-tables.js';
import type { FlowTransformation } from './types.js';

/** The `CRMToAEP` flow spec the HubSpot dataflow tutorial uses (docs/reference/adobe-dataflow.md §1 row 7). */
export const CRM_TO_AEP_FLOW_SPEC = { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' };

/** Frequencies of a batch schedule (EN `collect/crm.md`, "scheduleParams.frequency"). */
const FREQUENCIES = ['once', 'minute', 'hour', 'day', 'week'];

export interface ScheduleParams {
  startTime?: number;
  frequency?: string;
  interval?: string;
  backfill?: boolean;
}

/**
 * The schedule rules the OpenAPI schema cannot express (its types, integer `startTime`, string `interval` and boolean
 * `backfill`, are checked by the schema): `startTime` is epoch seconds not in the past (a millisecond value is
 * refused, not read as a far future), the frequency is known, `interval` a positive whole number, at least 15 for
 * `minute` (EN `collect/crm.md`), and absent only for `once`.
 */
export function scheduleProblem(schedule: ScheduleParams | undefined, nowMs: number): FlowFailure | undefined {
  if (!schedule) return providerRejection('scheduleParams is required for a batch source.');
  const { startTime, frequency, interval } = schedule;
  if (startTime === undefined) return providerRejection('scheduleParams.startTime is required.');
  if (startTime > 99_999_999_999)
    return providerRejection(`scheduleParams.startTime ${startTime} must be in epoch seconds, not milliseconds.`);
  if (startTime < Math.floor(nowMs / 1000)) return providerRejection(`scheduleParams.startTime ${startTime} must be in the future.`);
  if (!frequency || !FREQUENCIES.includes(frequency)) {
    return providerRejection(`scheduleParams.frequency '${frequency ?? ''}' must be one of ${FREQUENCIES.join(', ')}.`);
  }
  if (frequency === 'once') return undefined;
  if (interval === undefined || !/^[1-9]\d*$/.test(interval)) {
    return providerRejection(`scheduleParams.interval '${interval ?? ''}' must be a positive whole number for frequency ${frequency}.`);
  }
  if (frequency === 'minute' && Number(interval) < 15) {
    return providerRejection(`scheduleParams.interval ${interval} is below the minimum of 15 for frequency minute.`);
  }
  return undefined;
}

export function deltaColumnOf(transformations: readonly FlowTransformation[]): { name?: unknown } | undefined {
  const copy = transformations.find((t) => t.name === 'Copy');
  const delta = copy?.params['deltaColumn'];
  return delta && typeof delta === 'object' ? (delta as { name?: unknown }) : undefined;
}

/**
 * The delta column rules of Flow Service's catalog (EN `errors/sources-errors.md`): a CRM flow needs one (1367), and
 * `once` forbids one (1369), so a CRM flow can never be `once`. The column must be a date-time column that explore
 * returns for the source table ([INFERRED]: Adobe reads it to select changed rows).
 */
export function deltaColumnProblem(
  transformations: readonly FlowTransformation[],
  frequency: string | undefined,
  columns: readonly ExploreColumn[],
): FlowFailure | undefined {
  const delta = deltaColumnOf(transformations);
  if (delta && frequency === 'once') {
    return {
      code: '1369-400',
      detail:
        'A delta column is not allowed when the schedule frequency is once. Remove the delta column or change the frequency and try again.',
    };
  }
  if (!delta) {
    return {
      code: '1367-400',
      detail: 'A delta column is required for this source. Provide transformations[Copy].params.deltaColumn and try again.',
    };
  }
  const column = columns.find((c) => c.name === delta.name);
  if (!column) return providerRejection(`The delta column '${String(delta.name)}' is not a column of the source table.`);
  if (column['meta:xdmType'] !== 'date-time') return providerRejection(`The delta column '${column.name}' is not a date-time column.`);
  return undefined;
}

/** The Mapping transformation's `mappingId` and `mappingVersion`, both strings in the OpenAPI and the flow spec. */
export function mappingOf(transformations: readonly FlowTransformation[]): { id: string; version: string } | FlowFailure {
  const mapping = transformations.find((t) => t.name === 'Mapping');
  const id = mapping?.params['mappingId'];
  const version = mapping?.params['mappingVersion'];
  if (typeof id !== 'string' || id === '') return providerRejection('transformations needs a Mapping with a string mappingId.');
  if (typeof version !== 'string' || !/^\d+$/.test(version)) {
    return providerRejection(`Mapping.params.mappingVersion must be a string holding a whole number, not ${JSON.stringify(version)}.`);
  }
  return { id, version };
}
