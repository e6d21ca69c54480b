import { describe, expect, it } from 'vitest';
import { makeCustomerDataset, type CustomerDataset } from '../support/customer-dataset.js';
import { ONE_OF_EACH, countCreates, pressDataflowButton, testId } from '../support/dataflow.js';
import type { Harness } from '../support/harness.js';
import { harnessPerTest } from '../support/harness-per-test.js';

/** What the customer made in AEP before the service starts (CustomerDataset), named by DATAFLOW_DATASET_ID. */
const NOTHING_MADE = { ...ONE_OF_EACH, schema: 1, dataset: 1, sourceConnection: 0, targetConnection: 0, mapping: 0, flow: 0 };

describe('DATAFLOW_DATASET_ID: the dataflow fills a dataset the customer made', () => {
  const start = harnessPerTest();
  /** The service, configured with the id of a dataset made in the simulators before it starts. */
  async function startWithDataset(kind: 'profile' | 'experienceEvent', env: Record<string, string> = {}) {
    let given: CustomerDataset | undefined;
    const h = await start({
      env,
      envFromSimulators: async (sandbox) => {
        given = await makeCustomerDataset(sandbox, kind);
        return { DATAFLOW_DATASET_ID: given.datasetId };
      },
    });
    return { h, given: given! };
  }

  it('checks and uses the dataset’s schema, and creates no schema or dataset of its own', async () => {
    const { h, given } = await startWithDataset('profile');
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(run.html).toContain(`the existing dataset ${given.datasetId}`);
    const done = await pressDataflowButton(h, browser, run.resultUrl);
    expect(testId(done.html, 'dataflow-status')).toBe('scheduled');
    expect(testId(done.html, 'dataset-id')).toBe(given.datasetId);
    expect(testId(done.html, 'schema-id')).toBe(given.schemaId);
    // The one schema and dataset POSTs are the customer's own.
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
    expect(h.sandbox.catalog.datasets().map((d) => d.id)).toEqual([given.datasetId]);
  });

  it('When the dataset’s schema is not of the XDM Individual Profile class, then DATAFLOW_SCHEMA_MISMATCH and nothing is made', async () => {
    const { h } = await startWithDataset('experienceEvent', { DATAFLOW: 'auto' });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'result-title')).toBe('HubSpot is connected');
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    expect(testId(run.html, 'dataflow-error')).toBe('DATAFLOW_SCHEMA_MISMATCH');
    expect(run.html).toContain('is not of the XDM Individual Profile class');
    expect(countCreates(h)).toEqual(NOTHING_MADE);
  });

  it('When the dataset does not exist, then the page says it was not found (not a schema class problem), in English and French', async () => {
    const missing = 'a0b1c2d3e4f5a6b7c8d9e0f1';
    const h: Harness = await start({ env: { DATAFLOW: 'auto', DATAFLOW_DATASET_ID: missing } });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    expect(testId(run.html, 'dataflow-error')).toBe('DATAFLOW_SCHEMA_MISMATCH');
    expect(testId(run.html, 'dataflow-error-title')).toBe(
      `The dataset ${missing} that DATAFLOW_DATASET_ID names does not exist in this Experience Platform sandbox.`,
    );
    expect(run.html).not.toContain('XDM Individual Profile class');
    expect(countCreates(h)).toEqual({ ...NOTHING_MADE, schema: 0, dataset: 0 });

    const french = h.browser('fr');
    const frRun = await h.connect(french);
    expect(testId(frRun.html, 'dataflow-error-title')).toBe(
      `Le jeu de données ${missing} que désigne DATAFLOW_DATASET_ID n’existe pas dans cette sandbox d’Experience Platform.`,
    );
  });
});
