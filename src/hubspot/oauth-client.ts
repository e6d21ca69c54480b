import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AuthorizationCode, type AuthorizationTokenConfig, type ModuleOptions } from 'simple-oauth2';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { throttledOnlyPolicy } from '../http/retry-policy.js';
import { translateBoom } from './translate-boom.js';

/** The 2026-03 endpoints; v1 is switched off on 2027-02-16 (docs/reference/hubspot-oauth.md §2.1, changelog S8). */
export const TOKEN_PATH = '/oauth/2026-03/token';

/** Parsed loosely: the documented shapes vary between versions (docs/reference/hubspot-oauth.md §2.3). */
const tokenResponse = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_in: z.coerce.number().optional(),
    hub_id: z.coerce.number().optional(),
    scopes: z.array(z.string()).optional(),
  })
  .loose();

/** A 429 answer from the token endpoint, as Wreck reports it (a Boom response error). */
function isThrottledBoom(err: Error): boolean {
  const boom = err as { isBoom?: boolean; output?: { statusCode?: number }; data?: { isResponseError?: boolean } | null };
  return boom.isBoom === true && boom.data?.isResponseError === true && boom.output?.statusCode === 429;
}

export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
  hubId?: number;
  scopes?: string[];
}

export interface HubSpotOAuth {
  authorizeUrl(params: { state: string; codeChallenge: string }): string;
  /** Exchanges an authorization code. Never retried: a code is single-use (RFC 6749 §10.5). */
  exchangeCode(params: { code: string; codeVerifier: string }): Promise<HubSpotTokens>;
}

/**
 * @types/simple-oauth2 lists only the RFC 6749 parameters, but simple-oauth2 sends every parameter it
 * is given (https://github.com/lelylan/simple-oauth2/blob/master/API.md#authorizationcode). These
 * types add the PKCE (RFC 7636 §4.3, §4.5) and HubSpot ones; a variable of a wider type is accepted
 * where the narrower one is expected, so no cast is needed.
 */
type AuthorizeParams = NonNullable<Parameters<AuthorizationCode['authorizeURL']>[0]> & {
  code_challenge: string;
  code_challenge_method: 'S256';
  optional_scope?: string;
};
type TokenParams = AuthorizationTokenConfig & { code_verifier: string };
/** Wreck's `agents` option is missing from @types/simple-oauth2; the same widening trick passes it without a cast. */
type HttpOptions = NonNullable<ModuleOptions['http']> & { json: boolean; agents: ReturnType<typeof keepAliveAgents> };

export function createHubSpotOAuth(config: Config): HubSpotOAuth {
  const hs = config.hubspot;
  const authorize = new URL(hs.authorizeUrl);
  // Node's default agent opens a TCP (and TLS) connection per exchange; keep-alive agents reuse them
  // (Wreck's `agents` option must name all three: https://hapi.dev/module/wreck/api/#defaultsoptions).
  // json: true, not simple-oauth2's 'strict': strict refuses a non-JSON body before the status is looked at, so a
  // proxy's HTML 503 read as "bad response"; now it reaches the status check and is "unavailable" (src/http/status-class.ts).
  const http: HttpOptions = { timeout: config.upstreamTimeoutMs, maxBytes: 64 * 1024, json: true, agents: keepAliveAgents() };
  const client = new AuthorizationCode({
    client: { id: hs.clientId, secret: hs.clientSecret },
    auth: {
      tokenHost: hs.apiBaseUrl,
      tokenPath: TOKEN_PATH,
      authorizeHost: authorize.origin,
      authorizePath: authorize.pathname,
    },
    // v3/2026-03 require client credentials in the form body, never a Basic header or the query.
    options: { authorizationMethod: 'body', bodyFormat: 'form' },
    // Wreck's timeout and maxBytes default to unlimited, and simple-oauth2 sets neither (docs/reference/model-codebases.md §1).
    http,
  });

  return {
    authorizeUrl({ state, codeChallenge }) {
      const params: AuthorizeParams = {
        redirect_uri: hs.redirectUri,
        scope: hs.scopes.join(' '),
        state,
        // PKCE is undocumented for HubSpot's classic authorize URL but accepted at the token endpoint
        // (docs/reference/hubspot-oauth.md §4); RFC 9700 §2.1.1 recommends it for confidential clients too.
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        ...(hs.optionalScopes.length > 0 ? { optional_scope: hs.optionalScopes.join(' ') } : {}),
      };
      const url = client.authorizeURL(params);
      // URLSearchParams writes spaces as '+'; HubSpot documents %20 (docs/reference/hubspot-oauth.md §1). A literal
      // '+' is always written as %2B, so every '+' here is a space. simple-oauth2 also adds
      // response_type=code, undocumented by HubSpot but harmless in practice.
      return url.replace(/\+/g, '%20');
    },

    async exchangeCode({ code, codeVerifier }) {
      let raw: unknown;
      try {
        const params: TokenParams = { code, redirect_uri: hs.redirectUri, code_verifier: codeVerifier };
        const throttled = throttledOnlyPolicy(isThrottledBoom, 2, Date.now() + config.upstreamTimeoutMs * 3);
        const token = await throttled.execute(() => client.getToken(params));
        raw = token.token;
      } catch (err) {
        throw translateBoom(err);
      }
      const parsed = tokenResponse.safeParse(raw);
      if (!parsed.success) throw new AppError('HUBSPOT_BAD_RESPONSE', 'token response without tokens');
      const t = parsed.data;
      return {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        ...(t.expires_in !== undefined ? { expiresIn: t.expires_in } : {}),
        ...(t.hub_id !== undefined ? { hubId: t.hub_id } : {}),
        ...(t.scopes ? { scopes: t.scopes } : {}),
      };
    },
  };
}

/**
 * Pooled connections to HubSpot's token endpoint; idle sockets close after 10 s like the undici pool's.
 * simple-oauth2 deep-clones its `http` options (Hoek.applyToDefaults), and a cloned Agent never reuses a
 * socket (its 'free' listener still points at the original); property getters survive the clone intact.
 */
function keepAliveAgents() {
  const options = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 64, timeout: 60_000 };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  const insecure = new HttpsAgent({ ...options, rejectUnauthorized: false });
  return {
    get http() {
      return http;
    },
    get https() {
      return https;
    },
    get httpsAllowUnauthorized() {
      return insecure;
    },
  };
}
