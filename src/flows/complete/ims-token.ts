import type { Step } from './completion-deps.js';

/**
 * Adobe IMS server-to-server token for the flow's org. The provider caches it per org (docs/reference/adobe-flow-service.md §4.2),
 * so this step costs nothing when warm; as a step of its own, an IMS outage shows as such and Retry resumes here.
 */
export const imsToken: Step = {
  name: 'ims-token',
  repeatable: true,
  async run(ctx) {
    await ctx.adobe.ims.getToken();
  },
};
