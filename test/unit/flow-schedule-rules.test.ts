import { describe, expect, it } from 'vitest';
import { deltaColumnProblem, mappingOf, scheduleProblem } from '../../src/demo/adobe/flow-service/flow-rules.js';
import { HUBSPOT_TABLES } from '../../src/demo/adobe/flow-service/hubspot-tables.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const nowSeconds = NOW / 1000;
const contacts = HUBSPOT_TABLES['Hubspot.Contacts'] ?? [];
const delta = (name: string) => ({ name: 'Copy', params: { deltaColumn: { name, dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } });

describe('scheduleProblem (the schedule rules the OpenAPI cannot express)', () => {
  it.each([
    ['hour:1 starting in a minute', { startTime: nowSeconds + 60, frequency: 'hour', interval: '1' }],
    ['minute:15, the smallest minute interval', { startTime: nowSeconds + 60, frequency: 'minute', interval: '15' }],
    ['once, which needs no interval', { startTime: nowSeconds, frequency: 'once' }],
  ])('When %s, Then no problem', (_case, schedule) => {
    expect(scheduleProblem(schedule, NOW)).toBeUndefined();
  });

  it.each([
    ['no schedule', undefined, 'scheduleParams is required'],
    ['a start in the past', { startTime: nowSeconds - 1, frequency: 'hour', interval: '1' }, 'must be in the future'],
    ['a start in milliseconds', { startTime: NOW + 60_000, frequency: 'hour', interval: '1' }, 'epoch seconds'],
    ['an unknown frequency', { startTime: nowSeconds + 60, frequency: 'month', interval: '1' }, 'frequency'],
    ['minute:14', { startTime: nowSeconds + 60, frequency: 'minute', interval: '14' }, 'minimum of 15'],
    ['interval 0', { startTime: nowSeconds + 60, frequency: 'day', interval: '0' }, 'positive whole number'],
    ['no interval for hour', { startTime: nowSeconds + 60, frequency: 'hour' }, 'positive whole number'],
  ])('When %s, Then the problem says why', (_case, schedule, words) => {
    expect(scheduleProblem(schedule, NOW)?.detail).toContain(words);
  });
});

describe('deltaColumnProblem (1367, 1369 and the explored column)', () => {
  it('When Added_At is the delta column of an hourly flow, Then no problem', () => {
    expect(deltaColumnProblem([delta('Added_At')], 'hour', contacts)).toBeUndefined();
  });
  it('When a CRM flow has no delta column, Then 1367', () => {
    expect(deltaColumnProblem([], 'hour', contacts)?.code).toBe('1367-400');
  });
  it('When once comes with a delta column, Then 1369, so a CRM flow can never be once', () => {
    expect(deltaColumnProblem([delta('Added_At')], 'once', contacts)?.code).toBe('1369-400');
    expect(deltaColumnProblem([], 'once', contacts)?.code).toBe('1367-400');
  });
  it('When the column is not explored or not a date-time, Then 1100', () => {
    expect(deltaColumnProblem([delta('updatedAt')], 'hour', contacts)?.code).toBe('1100-400');
    expect(deltaColumnProblem([delta('Vid')], 'hour', contacts)?.detail).toContain('not a date-time');
  });
});

describe('mappingOf', () => {
  it('When mappingVersion is a string of digits, Then the id and version', () => {
    expect(mappingOf([{ name: 'Mapping', params: { mappingId: 'abc', mappingVersion: '0' } }])).toEqual({ id: 'abc', version: '0' });
  });
  it.each([[0], ['v1'], [undefined]])('When mappingVersion is %s, Then 1100', (version) => {
    expect(mappingOf([{ name: 'Mapping', params: { mappingId: 'abc', mappingVersion: version } }])).toMatchObject({ code: '1100-400' });
  });
});
