import { AppError } from '../../errors/app-error.js';
import type { Step } from './completion-deps.js';
import { describeOwner, ownerOf } from './portal-claim.js';

/**
 * One owner per connection. Partners without an Adobe account of their own, and the home page, all connect into
 * the deployment's org, where a portal has one connection per sandbox (upsert-connection finds it by its marker).
 * Updating it for a second owner would move the registry row to that owner: the first one would lose sight of it
 * (its list and GET no longer show it) while the second could delete it and its dataflow. So a portal whose live
 * connection (any status but `deleted`) belongs to another partner, or to a partner when the home page connects
 * (or the other way round), stops here, before anything reaches Adobe. The same owner goes on and updates it.
 * A registry that cannot answer fails the step like any passing fault (tried again, then Retry): an owner is never
 * guessed. The registry row is written when a flow finishes, so two owners' flows for a new portal can both pass
 * here; the second is stopped under the per-portal lock by the first one's claim (portal-claim.ts).
 */
export const checkOwnerStep: Step = {
  name: 'check-owner',
  repeatable: true,
  async run(ctx) {
    const hub = ctx.record.hub;
    if (!hub) throw new AppError('INTERNAL', 'check-owner ran before introspect');
    const owner = ownerOf(ctx.record);
    const rows = await ctx.deps.connections.findLive({ ...ctx.record.target, hubId: hub.hubId });
    const elsewhere = rows.find((row) => (row.partnerId ?? null) !== owner);
    if (elsewhere) {
      // The other owner's name stays in the log: the user and the partner see only the code.
      throw new AppError(
        'CONNECTION_OWNED_ELSEWHERE',
        `connection ${elsewhere.id} of this portal belongs to ${describeOwner(elsewhere.partnerId)}`,
      );
    }
  },
};
