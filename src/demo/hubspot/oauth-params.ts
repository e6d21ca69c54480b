import type { Request } from 'express';
import { rawBodyOf } from '../kit/request-log.js';
import { FAILURES, type OAuthFailure } from './oauth-errors.js';
import { collectParams, isFormEncoded, queryOf } from './params.js';

export interface ParamRules {
  /** Only v1 accepts parameters in the query string; v3 and 2026-03 "require" the body (docs/reference/hubspot-oauth.md §0, §2.1). */
  allowQuery: boolean;
  /** What a body that is not form-encoded yields. `null` parses it as no parameters at all. */
  nonForm: OAuthFailure | null;
}

export type ParamsOutcome = { ok: true; params: Map<string, string> } | { ok: false; failure: OAuthFailure };

/**
 * Reads API parameters strictly. A JSON body is never parsed: on the token endpoint that leaves
 * `grant_type` missing, which is how HubSpot ends up answering `BAD_GRANT_TYPE` (docs/reference/hubspot-oauth.md §2.2).
 */
export function readOAuthParams(req: Request, rules: ParamRules): ParamsOutcome {
  const query = queryOf(req);
  if (!rules.allowQuery && query.size > 0) return { ok: false, failure: FAILURES.queryParams };
  const form = isFormEncoded(req);
  if (!form && rules.nonForm) return { ok: false, failure: rules.nonForm };
  const body = new URLSearchParams(form ? rawBodyOf(req) : '');
  const collected = rules.allowQuery ? collectParams(query, body) : collectParams(body);
  return collected.ok ? collected : { ok: false, failure: FAILURES.duplicateParam };
}

/** Finds the token wherever a client may put it; an unrecognised hint is ignored (RFC 7662 §2.1). */
export function tokenParam(params: Map<string, string>): string | undefined {
  const hint = params.get('token_type_hint');
  const hinted = hint === 'access_token' || hint === 'refresh_token' ? params.get(hint) : undefined;
  const token = params.get('token') ?? hinted ?? params.get('access_token') ?? params.get('refresh_token');
  return token === '' ? undefined : token;
}
