import { describe, expect, it } from 'vitest';
import { ONE_OF_EACH, countCreates, pressDataflowButton, simulator, testId } from '../support/dataflow.js';
import { harnessPerTest } from '../support/harness-per-test.js';

const EXPLORE = /\/connections\/[^/]+\/explore$/;

describe('the dataflow when explore does not list Hubspot.Contacts', () => {
  const start = harnessPerTest();

  it('stops at the first step with DATAFLOW_TABLE_MISSING, makes nothing, and Finish setting up goes through once the table is listed', async () => {
    const h = await start({ env: { DATAFLOW: 'auto' } });
    // Explore's root answers without the Contacts table (as for an app without contact access) to the connection's
    // verify step and to the dataflow's first step.
    const tables = ['Hubspot.All_Deals', 'Hubspot.Blog_Authors'].map((name) => ({ type: 'table', name, path: name }));
    simulator(h, 'flowService').faults.inject({ method: 'GET', path: EXPLORE }, { status: 200, body: tables }, 2);
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(testId(run.html, 'result-title')).toBe('HubSpot is connected');
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    expect(testId(run.html, 'dataflow-error')).toBe('DATAFLOW_TABLE_MISSING');
    expect(run.html).toContain('Stopped at: ');
    expect(testId(run.html, 'dataflow-error-title')).toBe(
      'Adobe does not list the HubSpot Contacts table (Hubspot.Contacts) through this connection.',
    );
    expect(Object.values(countCreates(h)).every((n) => n === 0)).toBe(true);
    // Only explore's root was read: the table's columns are not asked for.
    expect(
      simulator(h, 'flowService')
        .requests.find('GET', EXPLORE)
        .map((r) => r.query.objectType),
    ).toEqual(['root', 'root']);

    const done = await pressDataflowButton(h, browser, run.resultUrl);
    expect(testId(done.html, 'dataflow-status')).toBe('scheduled');
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
  });
});
