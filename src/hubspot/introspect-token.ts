import { z } from 'zod';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { parseJson } from '../http/parse-json.js';
import { isUnavailableStatus } from '../http/status-class.js';
import type { UpstreamClient, UpstreamRequest } from '../http/upstream-client.js';
import { classifyTokenError, readTokenErrorBody } from './token-error-body.js';

export const INTROSPECT_PATH = '/oauth/2026-03/token/introspect';

/** Only what we use is required; HubSpot's example carries many more fields (docs/reference/hubspot-oauth.md §3). */
const introspection = z
  .object({
    active: z.boolean(),
    hub_id: z.coerce.number().optional(),
    hub_domain: z.string().optional(),
    user: z.string().optional(),
    user_id: z.coerce.number().optional(),
    scopes: z.array(z.string()).optional(),
  })
  .loose();

export interface TokenInfo {
  /** Absent only if HubSpot leaves it out; the token response's `hub_id` is the fallback. */
  hubId?: number;
  /** Optional: HubSpot's schema (`PublicAccessTokenInfoResponse`) requires only `hub_id` and `scopes`. */
  hubDomain?: string;
  user?: string;
  scopes: string[];
}

/** The introspection call for one token: the API reference's form, `token` plus `token_type_hint`. */
export function introspectionRequest(config: Config, token: string, hint: 'access_token' | 'refresh_token'): UpstreamRequest {
  return {
    method: 'POST',
    url: `${config.hubspot.apiBaseUrl}${INTROSPECT_PATH}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: config.hubspot.clientId,
      client_secret: config.hubspot.clientSecret,
      token,
      token_type_hint: hint,
    }).toString(),
  };
}

/**
 * Learns which portal, user and scopes an access token stands for. The reference documents both `token`
 * and `access_token` as the body field [UNCONFIRMED]; we send the API reference's form, `token` plus
 * `token_type_hint`. Introspection has no side effect, so retrying a transport failure, 429 or 5xx is safe.
 */
export async function introspectAccessToken(http: UpstreamClient, config: Config, accessToken: string): Promise<TokenInfo> {
  const res = await http.send(
    { ...introspectionRequest(config, accessToken, 'access_token'), retries: 2 },
    { timeout: 'HUBSPOT_TIMEOUT', unavailable: 'HUBSPOT_UNAVAILABLE' },
  );
  if (isUnavailableStatus(res.status))
    throw new AppError('HUBSPOT_UNAVAILABLE', `introspection answered ${res.status}`, { details: { upstreamStatus: res.status } });
  if (res.status >= 400) {
    const info = readTokenErrorBody(res.text);
    const code = classifyTokenError(info) === 'HUBSPOT_CLIENT_REJECTED' ? 'HUBSPOT_CLIENT_REJECTED' : 'HUBSPOT_REQUEST_REJECTED';
    throw new AppError(code, `introspection answered ${res.status} ${info.status ?? info.error ?? ''}`.trim(), {
      details: { upstreamStatus: res.status },
    });
  }
  const body = parseJson(res.text, introspection);
  if (!body) throw new AppError('HUBSPOT_BAD_RESPONSE', 'introspection body is not the documented JSON');
  if (!body.active) throw new AppError('HUBSPOT_TOKEN_INACTIVE', 'a token HubSpot just issued is reported inactive');
  return {
    ...(body.hub_id !== undefined ? { hubId: body.hub_id } : {}),
    ...(body.hub_domain ? { hubDomain: body.hub_domain } : {}),
    ...(body.user ? { user: body.user } : {}),
    scopes: body.scopes ?? [],
  };
}
