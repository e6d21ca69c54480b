import { AppError } from '../../errors/app-error.js';
import type { HubSpotTokens } from '../../hubspot/oauth-client.js';
import type { StepContext } from './completion-deps.js';

/** The flow's HubSpot tokens: from this worker's memory, else unsealed from the record while they last (≤ 15 min). */
export function openTokens(ctx: StepContext): HubSpotTokens {
  if (ctx.tokens) return ctx.tokens;
  const sealed = ctx.record.sealed;
  const tokens =
    sealed?.tokens && sealed.expiresAt > ctx.deps.now() ? ctx.deps.sealer.open<HubSpotTokens>(ctx.record.id, sealed.tokens) : undefined;
  if (!tokens) throw new AppError('CONNECT_TOKENS_EXPIRED', 'the sealed HubSpot tokens are gone (expired or wiped)');
  ctx.tokens = tokens;
  return tokens;
}
