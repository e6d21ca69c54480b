import { AppError } from '../../errors/app-error.js';
import type { Step } from './completion-deps.js';
import { openTokens } from './open-tokens.js';

/** Which portal, user and scopes the token stands for (docs/reference/hubspot-oauth.md §3). No side effect: safe to repeat. */
export const introspect: Step = {
  name: 'introspect',
  repeatable: true,
  async run(ctx) {
    const tokens = openTokens(ctx);
    const info = await ctx.deps.introspect(tokens.accessToken);
    // Liberal in what we accept: introspection is the authority, the token response fills its gaps.
    const scopes = info.scopes.length > 0 ? info.scopes : (tokens.scopes ?? []);
    const hubId = info.hubId ?? tokens.hubId;
    if (hubId === undefined) throw new AppError('HUBSPOT_BAD_RESPONSE', 'neither the token response nor introspection names the hub id');
    ctx.record.hub = {
      hubId,
      ...(info.hubDomain ? { domain: info.hubDomain } : {}),
      scopes,
      ...(info.user ? { user: info.user } : {}),
    };
  },
};
