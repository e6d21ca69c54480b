import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { RegisteredApp } from './app-registry.js';
import { FAILURES, type OAuthFailure } from './oauth-errors.js';
import { readOAuthParams, tokenParam } from './oauth-params.js';
import type { SimState } from './state.js';

export type ClientOutcome = { ok: true; app: RegisteredApp } | { ok: false; failure: OAuthFailure };

/** client_id then client_secret, both from the body (HubSpot has no HTTP Basic client auth). */
export function authenticateClient(state: SimState, params: Map<string, string>): ClientOutcome {
  const app = state.apps.get(params.get('client_id') ?? '');
  if (!app) return { ok: false, failure: FAILURES.badClientId };
  const secret = params.get('client_secret');
  if (secret === undefined || !sameSecret(secret, app.clientSecret)) return { ok: false, failure: FAILURES.badClientSecret };
  return { ok: true, app };
}

// Constant-time comparison of digests, so the simulator does not model a timing oracle.
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type ClientTokenOutcome = { ok: true; app: RegisteredApp; token: string } | { ok: false; failure: OAuthFailure };

/**
 * The common preamble of introspect and revoke: a form body only (never the query string), an
 * authenticated client, and the token under `token` or the field its hint names.
 */
export function readClientTokenRequest(state: SimState, req: Request): ClientTokenOutcome {
  const read = readOAuthParams(req, { allowQuery: false, nonForm: FAILURES.notForm });
  if (!read.ok) return read;
  const client = authenticateClient(state, read.params);
  if (!client.ok) return client;
  const token = tokenParam(read.params);
  if (token === undefined) return { ok: false, failure: FAILURES.missingToken };
  return { ok: true, app: client.app, token };
}
