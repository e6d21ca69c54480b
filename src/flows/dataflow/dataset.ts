import type { Step } from '../complete/completion-deps.js';
import { dataflowMarker, dataflowNames } from './dataflow-names.js';
import { dataflowWork, required } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/** The dataset for the schema, found by its description marker, else created (enabled for Profile when it applies). */
export const dataset: Step = {
  name: 'dataset',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  applies: (record) => !record.dataflow?.settings.datasetId,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { catalog } = work.api;
    const schemaId = required(work.state.ids.schemaId, 'the schema');
    const description = dataflowMarker(work.hubId);
    const profile = work.state.settings.profile && Boolean(work.state.table?.hasEmail);
    const datasetId = await work.withToken(async (token) => {
      const found = await findOrCreate(
        async () => (await catalog.findDataSetByDescription(token, description))?.id,
        () => catalog.createDataSet(token, { name: dataflowNames(work.hubId).dataset, description, schemaId, profile }),
        work.settleMs,
      );
      return found.value;
    });
    work.state.ids = { ...work.state.ids, datasetId };
  },
};
