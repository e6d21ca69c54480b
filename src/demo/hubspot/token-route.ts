import type { Request, Response } from 'express';
import { authenticateClient } from './client-auth.js';
import { FAILURES, sendOAuthError } from './oauth-errors.js';
import { readOAuthParams } from './oauth-params.js';
import { sendJson } from './json-response.js';
import type { SimState } from './state.js';
import { exchangeCode, refreshGrant } from './token-grants.js';
import { tokenResponse } from './token-shapes.js';

export type TokenApiVersion = 'v1' | 'v3' | '2026-03';

/**
 * `POST /oauth/{v1,v3,2026-03}/token` (docs/reference/hubspot-oauth.md §2). grant_type is checked before the client, so a
 * JSON body (no parameters seen) reports BAD_GRANT_TYPE exactly as HubSpot does (§2.2, §7).
 */
export function handleToken(state: SimState, version: TokenApiVersion) {
  return (req: Request, res: Response): void => {
    const read = readOAuthParams(req, { allowQuery: version === 'v1', nonForm: null });
    if (!read.ok) return sendOAuthError(res, read.failure);
    const grantType = read.params.get('grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') return sendOAuthError(res, FAILURES.badGrantType);
    const client = authenticateClient(state, read.params);
    if (!client.ok) return sendOAuthError(res, client.failure);
    const outcome =
      grantType === 'authorization_code' ? exchangeCode(state, client.app, read.params) : refreshGrant(state, client.app, read.params);
    if (!outcome.ok) return sendOAuthError(res, outcome.failure);
    sendJson(res, 200, tokenResponse(state, outcome.access, outcome.refresh));
  };
}
