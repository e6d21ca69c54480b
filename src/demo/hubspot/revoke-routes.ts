import type { Request, Response } from 'express';
import { readClientTokenRequest } from './client-auth.js';
import { FAILURES, sendOAuthError } from './oauth-errors.js';
import { sendLegacyNotFound } from './legacy-routes.js';
import { pathParam } from './params.js';
import type { SimState } from './state.js';

/**
 * `POST /oauth/2026-03/token/revoke`: "Deletes/Revokes provided Refresh Token" (docs/reference/hubspot-oauth.md §3).
 * Access tokens issued from it stay valid until they expire, as the legacy DELETE documents;
 * whether 2026-03 cascades is undocumented. An unknown token is a 200 no-op (RFC 7009 §2.2).
 */
export function handleRevoke(state: SimState) {
  return (req: Request, res: Response): void => {
    const request = readClientTokenRequest(state, req);
    if (!request.ok) return sendOAuthError(res, request.failure);
    const { token } = request;
    const refresh = state.refreshTokens.get(token);
    // RFC 7009 §2.1: a client may only revoke its own tokens.
    if (refresh && refresh.app.clientId !== request.app.clientId) return sendOAuthError(res, FAILURES.badRefreshToken);
    if (refresh) refresh.revoked = true;
    res.status(200).setHeader('Cache-Control', 'no-store').end();
  };
}

/** Legacy `DELETE /oauth/v1/refresh-tokens/{token}` (no client auth): 204, access tokens unaffected. */
export function handleV1Delete(state: SimState) {
  return (req: Request, res: Response): void => {
    const refresh = state.liveRefreshToken(pathParam(req, 'token') ?? '');
    if (!refresh) return sendLegacyNotFound(res, 'refresh token');
    refresh.revoked = true;
    res.status(204).end();
  };
}
