import type { ImsSimCredential } from './types.js';

/**
 * Validation of a client-credentials request to `/ims/token/v3` (docs/reference/adobe-flow-service.md §4.1).
 *
 * [UNCONFIRMED] No Adobe page documents the error bodies (docs/reference/adobe-flow-service.md §4.3). The `invalid_client`
 * descriptions are the ones public IMS client code checks for; everything else follows the generic
 * OAuth 2.0 shape and codes of RFC 6749 §5.2.
 */
export interface OAuthError {
  error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_client' | 'invalid_scope';
  error_description: string;
}

export type TokenRequestCheck = { ok: true; credential: ImsSimCredential; scopes: string[] } | { ok: false; error: OAuthError };

const fail = (error: OAuthError['error'], description: string): TokenRequestCheck => ({
  ok: false,
  error: { error, error_description: description },
});

/**
 * Merges the query string and the form body. Adobe accepts the parameters in either place but
 * recommends the body, since query strings get logged (docs/reference/adobe-flow-service.md §4.1); a parameter sent in both places
 * takes its body value. A parameter repeated within one place is refused (RFC 6749 §3.2).
 */
export function readTokenParams(query: URLSearchParams, body: URLSearchParams): Map<string, string> | OAuthError {
  const merged = new Map<string, string>();
  for (const source of [query, body]) {
    const seen = new Set<string>();
    for (const [name, value] of source) {
      if (seen.has(name)) {
        return { error: 'invalid_request', error_description: `repeated ${name} parameter` };
      }
      seen.add(name);
      merged.set(name, value);
    }
  }
  return merged;
}

export function checkTokenRequest(params: Map<string, string>, credentials: readonly ImsSimCredential[]): TokenRequestCheck {
  const grantType = params.get('grant_type');
  if (grantType === undefined) return fail('invalid_request', 'missing grant_type parameter');
  if (grantType !== 'client_credentials') return fail('unsupported_grant_type', 'unsupported grant_type parameter');

  const clientId = params.get('client_id');
  if (clientId === undefined) return fail('invalid_request', 'missing client_id parameter');
  const credential = credentials.find((c) => c.clientId === clientId);
  if (!credential) return fail('invalid_client', 'invalid client_id parameter');

  const clientSecret = params.get('client_secret');
  if (clientSecret === undefined) return fail('invalid_request', 'missing client_secret parameter');
  if (clientSecret !== credential.clientSecret) return fail('invalid_client', 'invalid client_secret parameter');

  const scope = params.get('scope');
  if (scope === undefined || scope === '') return fail('invalid_request', 'missing scope parameter');
  // Scopes are COMMA-separated (docs/reference/adobe-flow-service.md §4.1). No trimming: a space-separated list arrives as one
  // unknown scope and is refused, which is how a client using the RFC 6749 separator finds its bug.
  const scopes = scope.split(',');
  const refused = scopes.find((s) => !credential.scopes.includes(s));
  if (refused !== undefined) return fail('invalid_scope', `invalid scope '${refused}'`);
  return { ok: true, credential, scopes: [...new Set(scopes)] };
}
