import type { Response } from 'express';
import { newCorrelationId } from './ids.js';
import { sendJson } from './json-response.js';

/** One token-endpoint failure: RFC 6749 `error` plus HubSpot's legacy `status` code (docs/reference/hubspot-oauth.md §2.4). */
export interface OAuthFailure {
  error: string;
  status: string;
  message: string;
}

/**
 * Every failure the token, introspect and revoke endpoints produce. Only the `invalid_grant` ↔
 * `BAD_REFRESH_TOKEN` pairing is documented; the other `error` values are our [UNCONFIRMED] picks,
 * following RFC 6749 §5.2. Callers match on `status`, as HubSpot's own clients do.
 */
export const FAILURES = Object.freeze({
  badGrantType: { error: 'unsupported_grant_type', status: 'BAD_GRANT_TYPE', message: 'missing or unknown grant type' },
  badClientId: { error: 'invalid_client', status: 'BAD_CLIENT_ID', message: 'missing or unknown client id' },
  badClientSecret: { error: 'invalid_client', status: 'BAD_CLIENT_SECRET', message: 'missing or invalid client secret' },
  badAuthCode: { error: 'invalid_grant', status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' },
  expiredAuthCode: { error: 'invalid_grant', status: 'EXPIRED_AUTH_CODE', message: 'auth code is expired' },
  badRedirectUri: {
    error: 'invalid_grant',
    status: 'BAD_REDIRECT_URI',
    message: 'redirect_uri does not match the redirect_uri used to obtain the auth code',
  },
  badCodeVerifier: {
    error: 'invalid_grant',
    status: 'BAD_AUTH_CODE',
    message: 'code_verifier is missing or does not match the code_challenge',
  },
  badRefreshToken: { error: 'invalid_grant', status: 'BAD_REFRESH_TOKEN', message: 'refresh token is invalid, expired or revoked' },
  queryParams: {
    error: 'invalid_request',
    status: 'BAD_REQUEST',
    message: 'all parameters must be sent in the form-encoded request body, not in the query string',
  },
  duplicateParam: { error: 'invalid_request', status: 'BAD_REQUEST', message: 'a parameter was sent more than once' },
  notForm: { error: 'invalid_request', status: 'BAD_REQUEST', message: 'the body must be application/x-www-form-urlencoded' },
  missingToken: { error: 'invalid_request', status: 'BAD_REQUEST', message: 'missing token' },
} satisfies Record<string, OAuthFailure>);

/** 400 with `{error, error_description, status, message, correlationId}` for every API version (docs/reference/hubspot-oauth.md §2.4). */
export function sendOAuthError(res: Response, failure: OAuthFailure): void {
  sendJson(res, 400, {
    error: failure.error,
    error_description: failure.message,
    status: failure.status,
    message: failure.message,
    correlationId: newCorrelationId(),
  });
}
