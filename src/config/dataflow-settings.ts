/**
 * What the service does after a connection: nothing (`off`), offer one click that creates the dataflow
 * (`offer`), or create it straight away (`auto`). The deployment sets these (DATAFLOW_*); a partner's entry in
 * PARTNERS_FILE and a connect session may override the mode.
 */
export type DataflowMode = 'off' | 'offer' | 'auto';
export const DATAFLOW_MODES = ['off', 'offer', 'auto'] as const satisfies readonly DataflowMode[];

/** Flow Service schedule frequencies a CRM source may use: `once` is refused (it forbids the delta column, error 1369). */
export type ScheduleFrequency = 'minute' | 'hour' | 'day' | 'week';

export interface DataflowSchedule {
  readonly frequency: ScheduleFrequency;
  readonly interval: number;
}

export interface DataflowSettings {
  readonly mode: DataflowMode;
  readonly schedule: DataflowSchedule;
  readonly backfill: boolean;
  /** Primary identity on the email field, the `union` tag, and a dataset enabled for Profile. */
  readonly profile: boolean;
  /** An existing dataset (its schema of the XDM Individual Profile class) to use instead of creating schema and dataset. */
  readonly datasetId?: string;
}

/** A 15-minute schedule alone makes 96 batches a day, past Profile's 90 per sandbox; below that Adobe refuses it. */
export const MIN_MINUTE_INTERVAL = 15;

/**
 * Parses `<frequency>:<interval>` (e.g. `hour:1`, `minute:30`). Returns a problem in words, or the schedule.
 * https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/collect/marketing-automation
 */
export function parseSchedule(value: string, name: string): DataflowSchedule | string {
  const match = /^(once|minute|hour|day|week):(\d{1,4})$/.exec(value.trim());
  if (!match) return `${name} must look like hour:1 (frequency minute, hour, day or week, then a whole number interval; got "${value}")`;
  const frequency = match[1]!;
  const interval = Number(match[2]);
  if (frequency === 'once') {
    return `${name}: "once" is refused; a HubSpot dataflow needs a delta column, which a one-time schedule forbids (use hour:1)`;
  }
  if (interval < 1) return `${name}: the interval must be at least 1 (got "${value}")`;
  if (frequency === 'minute' && interval < MIN_MINUTE_INTERVAL) {
    return `${name}: a minute schedule needs an interval of at least ${MIN_MINUTE_INTERVAL} (got "${value}")`;
  }
  return { frequency: frequency as ScheduleFrequency, interval };
}
