import type { Step } from '../complete/completion-deps.js';
import { dataflowWork, required } from './dataflow-step-context.js';
import { findOrCreate } from './find-or-create.js';

/**
 * Only with DATAFLOW_PROFILE, on a schema we made, and when explore shows an email column: the primary Email
 * identity on `personalEmail.address`, then the `union` tag (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/schemas).
 */
export const profileIdentity: Step = {
  name: 'profile-identity',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  applies: (record) => {
    const df = record.dataflow;
    return Boolean(df?.settings.profile && !df.settings.datasetId && df.table?.hasEmail);
  },
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { schemaRegistry } = work.api;
    const schemaId = required(work.state.ids.schemaId, 'the schema');
    const altId = required(work.state.ids.schemaAltId, 'the schema');
    const descriptorId = await work.withToken(async (token) => {
      const descriptor = await findOrCreate(
        () => schemaRegistry.findIdentityDescriptor(token, schemaId),
        () => schemaRegistry.createEmailIdentity(token, schemaId),
        work.settleMs,
      );
      const facts = await schemaRegistry.getSchema(token, altId);
      if (!facts.tags.includes('union')) await schemaRegistry.enableForProfile(token, altId);
      return descriptor.value;
    });
    work.state.ids = { ...work.state.ids, descriptorId };
  },
};
