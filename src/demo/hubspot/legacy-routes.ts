import type { Request, Response } from 'express';
import { newCorrelationId } from './ids.js';
import { sendJson } from './json-response.js';
import { pathParam } from './params.js';
import type { SimState } from './state.js';
import { v1AccessMetadata, v1RefreshMetadata } from './token-shapes.js';

/**
 * Unknown, expired or revoked token on the deprecated v1 metadata endpoints. HubSpot's exact body
 * is [UNCONFIRMED]; this follows the legacy `{status, message, correlationId}` shape (docs/reference/hubspot-oauth.md §2.4).
 */
export function sendLegacyNotFound(res: Response, what: string): void {
  sendJson(res, 404, { status: 'NOT_FOUND', message: `${what} not found`, correlationId: newCorrelationId() });
}

/** `GET /oauth/v1/access-tokens/{token}`, no client auth (docs/reference/hubspot-oauth.md §3). */
export function handleV1AccessToken(state: SimState) {
  return (req: Request, res: Response): void => {
    const access = state.liveAccessToken(pathParam(req, 'token') ?? '');
    if (!access) return sendLegacyNotFound(res, 'access token');
    sendJson(res, 200, v1AccessMetadata(state, access));
  };
}

/** `GET /oauth/v1/refresh-tokens/{token}`, no client auth (docs/reference/hubspot-oauth.md §3). */
export function handleV1RefreshToken(state: SimState) {
  return (req: Request, res: Response): void => {
    const refresh = state.liveRefreshToken(pathParam(req, 'token') ?? '');
    if (!refresh) return sendLegacyNotFound(res, 'refresh token');
    sendJson(res, 200, v1RefreshMetadata(state, refresh));
  };
}
