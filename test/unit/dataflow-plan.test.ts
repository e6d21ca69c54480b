import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../../src/config/dataflow-settings.js';
import { loadConfig } from '../../src/config/load-config.js';
import { contactMappings, planContactsTable } from '../../src/flows/dataflow/contacts-mapping.js';
import { dataflowView, resolveSettings } from '../../src/flows/dataflow/dataflow-state.js';
import { translator } from '../../src/i18n/translate.js';
import { isAppError } from '../../src/errors/app-error.js';
import { scheduleInWords } from '../../src/web/dataflow-panel.js';

const documented = [
  { name: 'Vid', type: 'integer' },
  { name: 'Properties_Firstname_Value', type: 'string' },
  { name: 'Properties_Lastname_Value', type: 'string' },
  { name: 'Added_At', type: 'string', xdmType: 'date-time' },
  { name: 'Portal_Id', type: 'integer' },
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isAppError(err) ? err.code : 'not an AppError';
  }
  return undefined;
}

describe('the Contacts table plan', () => {
  it('maps only the columns explore returned, and falls back to Added_At as the delta column with a warning', () => {
    const plan = planContactsTable(documented);
    expect(plan.columns).toEqual(['Vid', 'Properties_Firstname_Value', 'Properties_Lastname_Value', 'Added_At']);
    expect(plan.deltaColumn).toBe('Added_At');
    expect(plan.warnings).toEqual([{ code: 'delta-added-at' }]);
    expect(plan.hasEmail).toBe(false);
    expect(contactMappings(plan.columns)).toEqual([
      { source: 'Vid', destination: '_id' },
      { source: 'Properties_Firstname_Value', destination: 'person.name.firstName' },
      { source: 'Properties_Lastname_Value', destination: 'person.name.lastName' },
      { source: 'Added_At', destination: '_repo.createDate' },
    ]);
  });

  it('prefers a date-time "last modified" column, but never an epoch string one', () => {
    const withModified = [...documented, { name: 'Properties_Lastmodifieddate_Value', type: 'string', xdmType: 'date-time' }];
    expect(planContactsTable(withModified)).toMatchObject({ deltaColumn: 'Properties_Lastmodifieddate_Value', warnings: [] });
    const epoch = [...documented, { name: 'Properties_Lastmodifieddate_Value', type: 'string' }];
    expect(planContactsTable(epoch).deltaColumn).toBe('Added_At');
  });

  it('sees an email column when explore has one', () => {
    expect(planContactsTable([...documented, { name: 'Properties_Email_Value', type: 'string' }]).hasEmail).toBe(true);
  });

  it('refuses a table without Vid or without any date-time column', () => {
    expect(codeOf(() => planContactsTable(documented.filter((c) => c.name !== 'Vid')))).toBe('DATAFLOW_MAPPING_INVALID');
    expect(codeOf(() => planContactsTable(documented.filter((c) => c.name !== 'Added_At')))).toBe('DATAFLOW_NO_DELTA_COLUMN');
  });
});

describe('DATAFLOW_SCHEDULE', () => {
  it('accepts hour:1 and minute:15, refuses once, short minute intervals and other shapes', () => {
    expect(parseSchedule('hour:1', 'X')).toEqual({ frequency: 'hour', interval: 1 });
    expect(parseSchedule('minute:15', 'X')).toEqual({ frequency: 'minute', interval: 15 });
    expect(parseSchedule('minute:10', 'X')).toMatch(/at least 15/);
    expect(parseSchedule('once:1', 'X')).toMatch(/once/);
    expect(parseSchedule('hourly', 'X')).toMatch(/must look like/);
    expect(parseSchedule('day:0', 'X')).toMatch(/at least 1/);
  });

  it('is read by the configuration with its defaults, and a bad value is reported in words', () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.problems.join());
    expect(loaded.config.dataflow).toEqual({ mode: 'offer', schedule: { frequency: 'hour', interval: 1 }, backfill: true, profile: false });
    const bad = loadConfig({ DATAFLOW: 'sometimes', DATAFLOW_SCHEDULE: 'once:1' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      expect.stringMatching(/^DATAFLOW must be one of off, offer, auto/),
      expect.stringMatching(/^DATAFLOW_SCHEDULE: "once" is refused/),
    ]);
    const set = loadConfig({
      DATAFLOW: 'auto',
      DATAFLOW_SCHEDULE: 'day:2',
      DATAFLOW_BACKFILL: 'false',
      DATAFLOW_PROFILE: 'true',
      DATAFLOW_DATASET_ID: 'abc123',
    });
    expect(set.ok && set.config.dataflow).toEqual({
      mode: 'auto',
      schedule: { frequency: 'day', interval: 2 },
      backfill: false,
      profile: true,
      datasetId: 'abc123',
    });
  });

  it('is overridden by a partner entry, then by a connect session mode', () => {
    const deployment = { mode: 'offer' as const, schedule: { frequency: 'hour' as const, interval: 1 }, backfill: true, profile: false };
    expect(resolveSettings(deployment, { mode: 'off', profile: true }, 'auto')).toMatchObject({ mode: 'auto', profile: true });
  });
});

describe('the dataflow in words', () => {
  it('says the schedule as the page shows it, in English and French', () => {
    const start = Date.UTC(2026, 0, 2, 14, 5) / 1000;
    expect(scheduleInWords({ frequency: 'hour', interval: 1, startTime: start }, translator('en'))).toBe('every hour, from 14:05 UTC');
    expect(scheduleInWords({ frequency: 'hour', interval: 3 }, translator('en'))).toBe('every 3 hours');
    expect(scheduleInWords({ frequency: 'minute', interval: 30, startTime: start }, translator('fr'))).toBe(
      'toutes les 30 minutes, à partir de 14:05 UTC',
    );
  });

  it('omits what is absent from the partner view, and says off without settings', () => {
    expect(dataflowView(undefined)).toEqual({ status: 'off' });
    const settings = { mode: 'auto' as const, schedule: { frequency: 'hour' as const, interval: 1 }, backfill: true, profile: false };
    expect(
      dataflowView({
        settings,
        status: 'failed',
        ids: { schemaId: 's' },
        warnings: [],
        failedStep: 'dataset',
        error: { code: 'DATAFLOW_PERMISSION_DENIED' },
      }),
    ).toEqual({
      status: 'failed',
      schema_id: 's',
      error_code: 'DATAFLOW_PERMISSION_DENIED',
      failed_step: 'dataset',
      warnings: [],
    });
  });
});
