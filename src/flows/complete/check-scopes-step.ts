import { AppError } from '../../errors/app-error.js';
import { checkScopes } from '../check-scopes.js';
import type { Step } from './completion-deps.js';

/** Missing required scopes stop the flow before anything reaches Adobe; missing optional ones become warnings. */
export const checkScopesStep: Step = {
  name: 'check-scopes',
  repeatable: true,
  async run(ctx) {
    const hub = ctx.record.hub;
    if (!hub) throw new AppError('INTERNAL', 'check-scopes ran before introspect');
    const { hubspot } = ctx.deps.config;
    const { missingOptional } = checkScopes(hub.scopes, hubspot.scopes, hubspot.optionalScopes);
    if (missingOptional.length > 0) ctx.record.warnings = missingOptional;
  },
};
