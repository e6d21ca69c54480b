import type { Request, Response } from 'express';
import { readClientTokenRequest } from './client-auth.js';
import { sendJson } from './json-response.js';
import { sendOAuthError } from './oauth-errors.js';
import type { SimState } from './state.js';
import { introspectAccess, introspectRefresh } from './token-shapes.js';

/**
 * `POST /oauth/{v3,2026-03}/token/introspect` (docs/reference/hubspot-oauth.md §3). The API reference names the token
 * `token` (+ `token_type_hint`); the v3 guide puts it under `access_token`/`refresh_token` named by
 * the hint. Which one HubSpot accepts is [UNCONFIRMED], so both are.
 */
export function handleIntrospect(state: SimState) {
  return (req: Request, res: Response): void => {
    const request = readClientTokenRequest(state, req);
    if (!request.ok) return sendOAuthError(res, request.failure);
    const { token } = request;

    const access = state.liveAccessToken(token);
    if (access) return sendJson(res, 200, introspectAccess(state, access));
    const refresh = state.liveRefreshToken(token);
    if (refresh) return sendJson(res, 200, introspectRefresh(state, refresh));
    // Unknown, expired or revoked: HubSpot's answer is [UNCONFIRMED]; we follow RFC 7662 §2.2.
    sendJson(res, 200, { active: false });
  };
}
