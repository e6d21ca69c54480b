import type { Step } from '../complete/completion-deps.js';
import { dataflowMarker, dataflowNames } from './dataflow-names.js';
import { dataflowWork, required } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/** The Data Lake target connection writing to the dataset: found by dataset id, else created. */
export const targetConnection: Step = {
  name: 'target-connection',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { flows } = work.api;
    const schemaId = required(work.state.ids.schemaId, 'the schema');
    const dataSetId = required(work.state.ids.datasetId, 'the dataset');
    const targetConnectionId = await work.withToken(async (token) => {
      const found = await findOrCreate(
        () => flows.findTargetConnection(token, dataSetId),
        () =>
          flows.createTargetConnection(token, {
            name: dataflowNames(work.hubId).targetConnection,
            description: dataflowMarker(work.hubId),
            schemaId,
            dataSetId,
          }),
        work.settleMs,
      );
      return found.value;
    });
    work.state.ids = { ...work.state.ids, targetConnectionId };
  },
};
