import { AppError } from '../../errors/app-error.js';
import { SEALED_TOKENS_TTL_MS } from '../sealed-tokens.js';
import { saveRunning } from './save-running.js';
import type { Step } from './completion-deps.js';

/**
 * Authorization code → HubSpot tokens. Never retried (RFC 6749 §4.1.2: a code is single-use): the sealed code
 * and the PKCE verifier are removed from the record *before* the exchange, so a worker that dies mid-call
 * leaves nothing to re-send and the flow ends on "Start again". The tokens are sealed for resume and Retry.
 */
export const exchangeCode: Step = {
  name: 'exchange-code',
  repeatable: false,
  async run(ctx) {
    const { deps } = ctx;
    const sealedCode = ctx.record.sealed?.code;
    const code = sealedCode ? deps.sealer.open<string>(ctx.record.id, sealedCode) : undefined;
    const verifier = ctx.record.pkceVerifier;
    if (!code || !verifier) throw new AppError('CONNECT_INTERRUPTED', 'the code was already spent by an interrupted exchange');
    const { pkceVerifier: _spent, sealed: _code, ...rest } = ctx.record;
    ctx.record = rest;
    await saveRunning(ctx);
    ctx.tokens = await deps.hubspot.exchangeCode({ code, codeVerifier: verifier });
    ctx.record.sealed = {
      tokens: deps.sealer.seal(ctx.record.id, ctx.tokens),
      expiresAt: deps.now() + SEALED_TOKENS_TTL_MS,
    };
  },
};
