import type { Step } from './completion-deps.js';

/**
 * Explore the connection's root (docs/reference/adobe-flow-service.md §2.6) to show which tables AEP can read. The
 * connection exists whatever explore says, so a failure here never fails the flow: the page warns instead.
 */
export const verify: Step = {
  name: 'verify',
  repeatable: true,
  async run(ctx) {
    const connectionId = ctx.record.connection?.id;
    try {
      if (!connectionId) throw new Error('no connection to verify');
      ctx.record.tables = await ctx.adobe.flowService.exploreRoot(await ctx.adobe.ims.getToken(), connectionId);
      delete ctx.record.verifyFailed;
    } catch (err) {
      ctx.deps.logger.warn({ flowId: ctx.record.id, err: { message: (err as Error).message } }, 'explore failed; connection kept');
      ctx.record.verifyFailed = true;
    }
  },
};
