import type { RegisteredApp } from './app-registry.js';
import { newAccessToken, newHubletId } from './ids.js';
import { FAILURES, type OAuthFailure } from './oauth-errors.js';
import { pkceS256Challenge } from './pkce.js';
import type { AccessTokenRecord, RefreshTokenRecord, SimState } from './state.js';

export type GrantOutcome = { ok: true; access: AccessTokenRecord; refresh: RefreshTokenRecord } | { ok: false; failure: OAuthFailure };

/**
 * `grant_type=authorization_code`. The code is "temporary, single-use" (docs/reference/hubspot-oauth.md §1); a late or
 * repeated exchange gives EXPIRED_AUTH_CODE / BAD_AUTH_CODE (§7). Failed attempts do not burn the
 * code, so a client that fixes its redirect_uri can still retry within the TTL.
 */
export function exchangeCode(state: SimState, app: RegisteredApp, params: Map<string, string>): GrantOutcome {
  const record = state.codes.get(params.get('code') ?? '');
  if (!record || record.clientId !== app.clientId || record.used) return { ok: false, failure: FAILURES.badAuthCode };
  if (record.expiresAtMs <= Date.now()) return { ok: false, failure: FAILURES.expiredAuthCode };
  // "must exactly match the redirect_uri used when initiating the OAuth 2.0 connection" (docs/reference/hubspot-oauth.md §2.2).
  if (params.get('redirect_uri') !== record.redirectUri) return { ok: false, failure: FAILURES.badRedirectUri };
  if (record.codeChallenge !== undefined) {
    // RFC 7636 §4.6; a verifier sent without a challenge is ignored, as the spec allows.
    const verifier = params.get('code_verifier');
    if (verifier === undefined || pkceS256Challenge(verifier) !== record.codeChallenge) {
      return { ok: false, failure: FAILURES.badCodeVerifier };
    }
  }
  record.used = true;
  state.counters.codesExchanged += 1;
  const account = record.hubId !== undefined ? { hubId: record.hubId } : {};
  const refresh: RefreshTokenRecord = { token: newHubletId(), app, scopes: record.scopes, revoked: false, ...account };
  state.refreshTokens.set(refresh.token, refresh);
  return { ok: true, access: issueAccessToken(state, app, record.scopes, account), refresh };
}

/**
 * `grant_type=refresh_token`. Returns the SAME refresh token: community code and fixtures show
 * it unchanged, though rotation is [UNCONFIRMED] (docs/reference/hubspot-oauth.md §2.3). `scope` is not used to narrow.
 */
export function refreshGrant(state: SimState, app: RegisteredApp, params: Map<string, string>): GrantOutcome {
  const refresh = state.liveRefreshToken(params.get('refresh_token') ?? '');
  if (!refresh || refresh.app.clientId !== app.clientId) return { ok: false, failure: FAILURES.badRefreshToken };
  return {
    ok: true,
    access: issueAccessToken(state, app, refresh.scopes, refresh.hubId !== undefined ? { hubId: refresh.hubId } : {}),
    refresh,
  };
}

function issueAccessToken(state: SimState, app: RegisteredApp, scopes: string[], account: { hubId?: number }): AccessTokenRecord {
  const access: AccessTokenRecord = {
    token: newAccessToken(),
    app,
    scopes: [...scopes],
    expiresAtMs: Date.now() + state.accessTokenTtlSec * 1000,
    ...account,
  };
  state.accessTokens.set(access.token, access);
  state.counters.tokensIssued += 1;
  return access;
}
