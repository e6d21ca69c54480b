import { z } from 'zod';
import type { Config } from '../config/config.js';
import { parseJson } from '../http/parse-json.js';
import { retryAfterMs } from '../http/retry-policy.js';
import { isUnavailableStatus } from '../http/status-class.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import { introspectionRequest } from './introspect-token.js';
import { readTokenErrorBody } from './token-error-body.js';

export type RefreshTokenState =
  { kind: 'active'; scopes: string[] } | { kind: 'inactive' } | { kind: 'unknown'; why: string; retryAfterMs?: number };

const body = z.object({ active: z.boolean(), scopes: z.array(z.string()).optional() }).loose();

/**
 * `POST /oauth/2026-03/token/introspect` with `token_type_hint=refresh_token`: no side effects, unlike a refresh,
 * which would mint tokens behind Adobe's back (docs/reference/hubspot-oauth.md §3). `{"active": false}` or a 400
 * `BAD_REFRESH_TOKEN` means the grant is gone (the inactive shape is [UNCONFIRMED], so both are read). Not retried:
 * the watch asks again at its next turn.
 */
export async function introspectRefreshToken(http: UpstreamClient, config: Config, refreshToken: string): Promise<RefreshTokenState> {
  try {
    const res = await http.send(introspectionRequest(config, refreshToken, 'refresh_token'), {
      timeout: 'HUBSPOT_TIMEOUT',
      unavailable: 'HUBSPOT_UNAVAILABLE',
    });
    if (isUnavailableStatus(res.status)) {
      const wait = retryAfterMs(res.headers['retry-after']);
      return { kind: 'unknown', why: `HubSpot answered ${res.status}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
    }
    if (res.status === 400 && readTokenErrorBody(res.text).status === 'BAD_REFRESH_TOKEN') return { kind: 'inactive' };
    const parsed = res.status === 200 ? parseJson(res.text, body) : undefined;
    if (!parsed) return { kind: 'unknown', why: `HubSpot answered ${res.status}` };
    return parsed.active ? { kind: 'active', scopes: parsed.scopes ?? [] } : { kind: 'inactive' };
  } catch (err) {
    return { kind: 'unknown', why: (err as { code?: string }).code ?? 'HUBSPOT_UNAVAILABLE' };
  }
}
