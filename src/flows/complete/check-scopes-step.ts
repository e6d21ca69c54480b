import { AppError } from '../../errors/app-error.js';
import { checkScopes } from '../check-scopes.js';
import type { Step } from './completion-deps.js';

/**
 * Missing required scopes stop the flow before anything reaches Adobe; missing optional ones become warnings. A
 * reconnect must come back with the connection's own portal: consent on another one stops here too, so nothing at
 * Adobe changes (its credentials would otherwise be replaced by another portal's).
 */
export const checkScopesStep: Step = {
  name: 'check-scopes',
  repeatable: true,
  async run(ctx) {
    const hub = ctx.record.hub;
    if (!hub) throw new AppError('INTERNAL', 'check-scopes ran before introspect');
    const reconnect = ctx.record.origin?.reconnect;
    if (reconnect && reconnect.hubId !== hub.hubId) {
      throw new AppError('RECONNECT_WRONG_PORTAL', "reconnect consented on another HubSpot portal than the connection's", {
        details: { expectedHubId: reconnect.hubId, hubId: hub.hubId },
      });
    }
    const { hubspot } = ctx.deps.config;
    const { missingOptional } = checkScopes(hub.scopes, hubspot.scopes, hubspot.optionalScopes);
    if (missingOptional.length > 0) ctx.record.warnings = missingOptional;
  },
};
