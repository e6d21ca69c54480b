import { AppError } from '../../errors/app-error.js';
import type { Step } from '../complete/completion-deps.js';
import { contactMappings, ID_COLUMN } from './contacts-mapping.js';
import { dataflowMarker } from './dataflow-names.js';
import { dataflowWork, required } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/**
 * Validates the contact mappings first; `Vid` → `_id` must pass, any other refused mapping is dropped with a
 * warning. Then the mapping set named by our marker is found, else created
 * (https://experienceleague.adobe.com/en/docs/experience-platform/data-prep/api/mapping-set).
 */
export const mapping: Step = {
  name: 'mapping',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { dataPrep } = work.api;
    const schemaId = required(work.state.ids.schemaId, 'the schema');
    const planned = contactMappings(required(work.state.table, 'the table').columns);
    const name = dataflowMarker(work.hubId);
    const result = await work.withToken(async (token) => {
      const verdicts = await dataPrep.validate(token, { name, schemaId, mappings: planned });
      const failed = planned.filter((_, i) => verdicts[i] === 'FAILED');
      if (failed.some((m) => m.source === ID_COLUMN)) throw new AppError('DATAFLOW_MAPPING_INVALID', 'validation refused Vid → _id');
      const kept = planned.filter((m) => !failed.includes(m));
      const found = await findOrCreate(
        () => dataPrep.findByName(token, name),
        () => dataPrep.create(token, { name, schemaId, mappings: kept }),
        work.settleMs,
      );
      return { set: found.value, dropped: failed.map((m) => m.source) };
    });
    const others = work.state.warnings.filter((w) => w.code !== 'mapping-dropped');
    work.state.warnings = [...others, ...result.dropped.map((field) => ({ code: 'mapping-dropped' as const, field }))];
    work.state.ids = { ...work.state.ids, mappingSetId: result.set.id, mappingVersion: result.set.version };
  },
};
