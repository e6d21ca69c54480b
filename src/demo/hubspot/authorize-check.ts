import { isIP } from 'node:net';
import type { RegisteredApp } from './app-registry.js';
import { isValidS256Challenge } from './pkce.js';
import { isKnownScope } from './scope-catalog.js';

/** What a valid install URL asks for. */
export interface AuthorizeRequest {
  app: RegisteredApp;
  redirectUri: string;
  state: string | undefined;
  /** `scope` then `optional_scope`, de-duplicated, in URL order. */
  requiredRequested: string[];
  optionalRequested: string[];
  codeChallenge: string | undefined;
}

export type AuthorizeCheck = { ok: true; request: AuthorizeRequest } | { ok: false; message: string; detail?: string };

// Wording from HubSpot's hosted error pages as quoted in docs/reference/hubspot-oauth.md §5 and §7.
const SCOPE_MISMATCH =
  "Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes.";
const INVALID_SCOPE = 'An invalid scope name was provided.';

const fail = (message: string, detail?: string): AuthorizeCheck => ({ ok: false, message, ...(detail === undefined ? {} : { detail }) });

/** Applies HubSpot's install-URL rules (docs/reference/hubspot-oauth.md §1, §5, §8) in the order a user would hit them. */
export function checkAuthorize(params: Map<string, string>, apps: ReadonlyMap<string, RegisteredApp>): AuthorizeCheck {
  const clientId = params.get('client_id') ?? '';
  const app = apps.get(clientId);
  if (!app) return fail(`Authorization failed because the client_id '${clientId}' is invalid.`);

  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return fail('Authorization failed because the install URL has no redirect_uri.');
  const redirectProblem = checkRedirectShape(redirectUri);
  if (redirectProblem) return fail(redirectProblem);
  if (!app.redirectUris.includes(redirectUri)) {
    return fail(`Authorization failed as the redirect URL '${redirectUri}' doesn't match the app's registered redirect URL.`);
  }

  const scopeParam = params.get('scope');
  if (scopeParam === undefined || scopeParam.trim() === '') return fail(SCOPE_MISMATCH, 'The install URL has no scope parameter.');
  const required = splitScopes(scopeParam);
  const optional = splitScopes(params.get('optional_scope') ?? '');
  const all = [...required, ...optional];
  if (all.some((s) => s.includes(','))) return fail(INVALID_SCOPE, 'Scopes must be space-separated, not comma-separated.');
  const unknown = all.filter((s) => !isKnownScope(s));
  if (unknown.length > 0) return fail(INVALID_SCOPE, `Unknown scope: ${unknown.join(' ')}`);

  const configured = (s: string) => app.required.has(s) || app.optional.has(s);
  const extra = all.filter((s) => !configured(s));
  if (extra.length > 0) return fail(SCOPE_MISMATCH, `Not configured on the app: ${extra.join(' ')}`);
  const missing = [...app.required].filter((s) => !required.includes(s));
  if (missing.length > 0) return fail(SCOPE_MISMATCH, `Required scopes missing from scope: ${missing.join(' ')}`);

  const pkce = checkPkce(params.get('code_challenge'), params.get('code_challenge_method'));
  if (!pkce.ok) return pkce;
  return {
    ok: true,
    request: {
      app,
      redirectUri,
      state: params.get('state'),
      requiredRequested: required,
      optionalRequested: optional.filter((s) => !required.includes(s)),
      codeChallenge: pkce.challenge,
    },
  };
}

function splitScopes(value: string): string[] {
  return [...new Set(value.split(' ').filter((s) => s !== ''))];
}

/** "this URL must use https… (When testing using localhost, http can be used.) … IP addresses are not supported" (docs/reference/hubspot-oauth.md §1). */
function checkRedirectShape(redirectUri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return `Authorization failed as the redirect URL '${redirectUri}' is not a valid URL.`;
  }
  // WHATWG parsing normalises forms such as http://2130706433/ to 127.0.0.1, so isIP sees them too.
  if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    return `Authorization failed as the redirect URL '${redirectUri}' uses an IP address. You must use a domain, as IP addresses are not supported.`;
  }
  const localHttp = url.protocol === 'http:' && url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !localHttp) {
    return `Authorization failed as the redirect URL '${redirectUri}' must use https (http is only allowed for localhost).`;
  }
  return undefined;
}

/**
 * PKCE on the classic authorize URL is undocumented (docs/reference/hubspot-oauth.md §4); where HubSpot does support it
 * (mcp.hubspot.com) only S256 is offered, so `plain` and a bare challenge (which defaults to plain,
 * RFC 7636 §4.3) are refused.
 */
function checkPkce(
  challenge: string | undefined,
  method: string | undefined,
): { ok: true; challenge: string | undefined } | { ok: false; message: string } {
  if (challenge === undefined && method === undefined) return { ok: true, challenge: undefined };
  if (method !== 'S256') return { ok: false, message: 'Authorization failed because code_challenge_method must be S256.' };
  if (challenge === undefined || !isValidS256Challenge(challenge)) {
    return { ok: false, message: 'Authorization failed because the code_challenge is missing or malformed.' };
  }
  return { ok: true, challenge };
}
