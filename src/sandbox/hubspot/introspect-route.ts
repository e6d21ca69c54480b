import type { Request, Response } from 'express';
import { authenticateClient } from './client-auth.js';
import { sendJson } from './json-response.js';
import { FAILURES, sendOAuthError } from './oauth-errors.js';
import { readOAuthParams, tokenParam } from './oauth-params.js';
import type { SimState } from './state.js';
import { introspectAccess, introspectRefresh } from './token-shapes.js';

/**
 * `POST /oauth/{v3,2026-03}/token/introspect` (reference §3). The API reference names the token
 * `token` (+ `token_type_hint`); the v3 guide puts it under `access_token`/`refresh_token` named by
 * the hint. Which one HubSpot accepts is [UNCONFIRMED], so both are.
 */
export function handleIntrospect(state: SimState) {
  return (req: Request, res: Response): void => {
    const read = readOAuthParams(req, { allowQuery: false, nonForm: FAILURES.notForm });
    if (!read.ok) return sendOAuthError(res, read.failure);
    const client = authenticateClient(state, read.params);
    if (!client.ok) return sendOAuthError(res, client.failure);
    const token = tokenParam(read.params);
    if (token === undefined) return sendOAuthError(res, FAILURES.missingToken);

    const access = state.liveAccessToken(token);
    if (access) return sendJson(res, 200, introspectAccess(state, access));
    const refresh = state.liveRefreshToken(token);
    if (refresh) return sendJson(res, 200, introspectRefresh(state, refresh));
    // Unknown, expired or revoked: HubSpot's answer is [UNCONFIRMED]; we follow RFC 7662 §2.2.
    sendJson(res, 200, { active: false });
  };
}
