import { createHash } from 'node:crypto';
import { HUBLET } from './ids.js';
import type { AccessTokenRecord, RefreshTokenRecord, SimState } from './state.js';

// JSON shapes copied from docs/reference/hubspot-oauth.md §2.3 and §3; field order follows HubSpot's examples.

const remainingSec = (record: AccessTokenRecord) => Math.max(0, Math.floor((record.expiresAtMs - Date.now()) / 1000));
const opaque = (label: string, token: string) => createHash('sha256').update(`${label}:${token}`).digest('base64url');

/** Token endpoint success (v3 guide example plus the newer schema's `user_id` and `token_use`). */
export function tokenResponse(state: SimState, access: AccessTokenRecord, refresh: RefreshTokenRecord) {
  return {
    token_type: 'bearer',
    refresh_token: refresh.token,
    access_token: access.token,
    expires_in: state.accessTokenTtlSec,
    hub_id: state.portalOf(access).hubId,
    scopes: access.scopes,
    user_id: state.portal.userId,
    token_use: 'access_token',
  };
}

/** The newer reference's `signed_access_token`; signatures are opaque but stable per token. */
function signedAccessToken(state: SimState, access: AccessTokenRecord) {
  return {
    expiresAt: access.expiresAtMs,
    scopes: Buffer.from(access.scopes.join(' ')).toString('base64url'),
    hubId: state.portalOf(access).hubId,
    userId: state.portal.userId,
    appId: access.app.appId,
    signature: opaque('signature', access.token),
    scopeToScopeGroupPks: opaque('groups', access.token),
    newSignature: opaque('newSignature', access.token),
    hublet: HUBLET,
    trialScopes: '',
    trialScopeToScopeGroupPks: '',
    isUserLevel: false,
    isPrivateDistribution: true,
    installingUserId: state.portal.userId,
    isServiceAccount: false,
  };
}

/** v3 / 2026-03 introspection of a live access token. */
export function introspectAccess(state: SimState, access: AccessTokenRecord) {
  return {
    active: true,
    token: access.token,
    hub_id: state.portalOf(access).hubId,
    user_id: state.portal.userId,
    client_id: access.app.clientId,
    app_id: access.app.appId,
    user: state.portal.user,
    hub_domain: state.portalOf(access).domain,
    scopes: access.scopes,
    signed_access_token: signedAccessToken(state, access),
    expires_in: remainingSec(access),
    is_private_distribution: true,
    token_use: 'access_token',
    token_type: 'Bearer',
  };
}

/** v3 / 2026-03 introspection of a live refresh token. */
export function introspectRefresh(state: SimState, refresh: RefreshTokenRecord) {
  return {
    active: true,
    token: refresh.token,
    hub_id: state.portalOf(refresh).hubId,
    user_id: state.portal.userId,
    client_id: refresh.app.clientId,
    app_id: refresh.app.appId,
    user: state.portal.user,
    hub_domain: state.portalOf(refresh).domain,
    scopes: refresh.scopes,
    token_use: 'refresh_token',
    token_type: 'Bearer',
  };
}

/** Legacy `GET /oauth/v1/access-tokens/{token}`; `token_type: "access"` is from a real sample. */
export function v1AccessMetadata(state: SimState, access: AccessTokenRecord) {
  return {
    token: access.token,
    user: state.portal.user,
    hub_domain: state.portalOf(access).domain,
    scopes: access.scopes,
    signed_access_token: signedAccessToken(state, access),
    hub_id: state.portalOf(access).hubId,
    app_id: access.app.appId,
    expires_in: remainingSec(access),
    user_id: state.portal.userId,
    token_type: 'access',
    is_private_distribution: true,
  };
}

/** Legacy `GET /oauth/v1/refresh-tokens/{token}` (SDK model fields); `token_type: "refresh"` is [UNCONFIRMED]. */
export function v1RefreshMetadata(state: SimState, refresh: RefreshTokenRecord) {
  return {
    token: refresh.token,
    user: state.portal.user,
    hub_domain: state.portalOf(refresh).domain,
    scopes: refresh.scopes,
    hub_id: state.portalOf(refresh).hubId,
    client_id: refresh.app.clientId,
    user_id: state.portal.userId,
    token_type: 'refresh',
  };
}
