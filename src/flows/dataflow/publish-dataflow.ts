import type { Step } from '../complete/completion-deps.js';
import { dataflowWork, required } from './dataflow-step-context.js';

/** States a flow has once published (a draft is `draft`). */
const PUBLISHED = new Set(['enabled', 'disabled']);

/**
 * Publishes the draft (https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/draft).
 * The flow's state is read first, so a rerun after a lost answer, or a reconnect, does not publish twice.
 */
export const publishDataflow: Step = {
  name: 'publish-dataflow',
  repeatable: true,
  part: 'dataflow',
  saveBefore: true,
  async run(ctx) {
    const work = dataflowWork(ctx);
    const { flows } = work.api;
    const sourceConnectionId = required(work.state.ids.sourceConnectionId, 'the source connection');
    await work.withToken(async (token) => {
      const flow = await flows.findFlow(token, sourceConnectionId);
      const flowId = required(flow?.id ?? work.state.ids.flowId, 'the flow');
      if (!PUBLISHED.has(flow?.state ?? '')) await flows.publishFlow(token, flowId);
    });
  },
};
