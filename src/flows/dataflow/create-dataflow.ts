import type { Step } from '../complete/completion-deps.js';
import { dataflowMarker, dataflowNames } from './dataflow-names.js';
import { dataflowWork, required } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/** The first run starts this long after creation: the start time must be in the future when Flow Service reads it. */
const START_DELAY_S = 60;

/**
 * The dataflow, created as a draft (published by the next step), found first by its source connection. Its
 * schedule starts in integer seconds a minute from now, with the configured frequency and interval.
 */
export const createDataflow: Step = {
  name: 'dataflow',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { flows } = work.api;
    const { ids, settings } = work.state;
    const table = required(work.state.table, 'the table');
    const sourceConnectionId = required(ids.sourceConnectionId, 'the source connection');
    const startTime = Math.floor(work.now() / 1000) + START_DELAY_S;
    const found = await work.withToken((token) =>
      findOrCreate(
        () => flows.findFlow(token, sourceConnectionId),
        async () => ({
          id: await flows.createDraftFlow(token, {
            name: dataflowNames(work.hubId).flow,
            description: dataflowMarker(work.hubId),
            sourceConnectionId,
            targetConnectionId: required(ids.targetConnectionId, 'the target connection'),
            deltaColumn: table.deltaColumn,
            mapping: { id: required(ids.mappingSetId, 'the mapping set'), version: ids.mappingVersion ?? 0 },
            schedule: { startTime, ...settings.schedule, backfill: settings.backfill },
          }),
          startTime,
        }),
        work.settleMs,
      ),
    );
    work.state.ids = { ...work.state.ids, flowId: found.value.id };
    work.state.schedule = { ...settings.schedule, ...(found.value.startTime ? { startTime: found.value.startTime } : {}) };
  },
};
