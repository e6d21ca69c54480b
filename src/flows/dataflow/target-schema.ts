import { AppError } from '../../errors/app-error.js';
import { PROFILE_CLASS } from '../../adobe/schema-registry-client.js';
import type { Step } from '../complete/completion-deps.js';
import { dataflowMarker, dataflowNames } from './dataflow-names.js';
import { dataflowWork } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/**
 * The XDM Individual Profile schema the contacts land in: found by its title, else created. With
 * DATAFLOW_DATASET_ID the dataset's own schema is used instead, and must be of the Individual Profile class; the
 * customer's dataset and schema are kept in the ids for the later steps, not for a deletion (createdIds).
 */
export const targetSchema: Step = {
  name: 'target-schema',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { schemaRegistry, catalog } = work.api;
    const datasetId = work.state.settings.datasetId;
    const schema = await work.withToken(async (token) => {
      if (datasetId) {
        const dataset = await catalog.getDataSet(token, datasetId);
        // Still a dataset that cannot take the contacts (the code partners match on), but the page says why.
        if (!dataset)
          throw new AppError('DATAFLOW_SCHEMA_MISMATCH', `dataset ${datasetId} not found`, {
            details: { reason: 'dataset-not-found', datasetId },
          });
        if (!dataset.schemaId) throw new AppError('DATAFLOW_SCHEMA_MISMATCH', `dataset ${datasetId} has no schema`);
        const facts = await schemaRegistry.getSchema(token, dataset.schemaId);
        if (facts.metaClass !== PROFILE_CLASS)
          throw new AppError('DATAFLOW_SCHEMA_MISMATCH', `schema class is ${facts.metaClass ?? 'unknown'}`);
        return facts;
      }
      const title = dataflowNames(work.hubId).schema;
      const description = dataflowMarker(work.hubId);
      const found = await findOrCreate(
        () => schemaRegistry.findSchemaByTitle(token, title),
        () => schemaRegistry.createProfileSchema(token, { title, description }),
        work.settleMs,
      );
      return found.value;
    });
    work.state.ids = { ...work.state.ids, schemaId: schema.id, schemaAltId: schema.altId, ...(datasetId ? { datasetId } : {}) };
  },
};
