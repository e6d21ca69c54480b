import type { Step } from '../complete/completion-deps.js';
import { CONTACTS_TABLE, dataflowMarker, dataflowNames } from './dataflow-names.js';
import { dataflowWork } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/** The source connection reading Hubspot.Contacts through the base connection: found by base and path, else created. */
export const sourceConnection: Step = {
  name: 'source-connection',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { flows } = work.api;
    const base = work.connectionId;
    const sourceConnectionId = await work.withToken(async (token) => {
      const found = await findOrCreate(
        () => flows.findSourceConnection(token, base, CONTACTS_TABLE),
        () =>
          flows.createSourceConnection(token, {
            name: dataflowNames(work.hubId).sourceConnection,
            description: dataflowMarker(work.hubId),
            baseConnectionId: base,
            path: CONTACTS_TABLE,
          }),
        work.settleMs,
      );
      return found.value;
    });
    work.state.ids = { ...work.state.ids, sourceConnectionId };
  },
};
