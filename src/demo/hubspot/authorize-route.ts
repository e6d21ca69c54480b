import type { Request, Response } from 'express';
import { checkAuthorize } from './authorize-check.js';
import { sendConsentPage } from './consent-page.js';
import { sendErrorPage } from './html-page.js';
import { newPendingId } from './ids.js';
import { collectParams, pathParam, queryOf } from './params.js';
import type { SimState } from './state.js';

/**
 * `GET /oauth/authorize` and `GET /oauth/{portalId}/authorize` (docs/reference/hubspot-oauth.md §1). Every
 * misconfiguration gets HubSpot's hosted 400 page and never reaches the redirect URL (§1, §8).
 */
export function handleAuthorize(state: SimState) {
  return (req: Request, res: Response): void => {
    const portalId = pathParam(req, 'portalId');
    if (portalId !== undefined && portalId !== String(state.portal.hubId)) {
      return sendErrorPage(res, `Authorization failed because you don't have access to account ${portalId}.`);
    }
    const collected = collectParams(queryOf(req));
    if (!collected.ok) {
      return sendErrorPage(res, `Authorization failed because the parameter '${collected.duplicate}' appears more than once.`);
    }
    const check = checkAuthorize(collected.params, state.apps);
    if (!check.ok) return sendErrorPage(res, check.message, check.detail);

    const { request } = check;
    // optional_scope: "Scopes the chosen account lacks are dropped silently" (docs/reference/hubspot-oauth.md §1). The
    // portal option also withholds required ones, to let tests see a token lacking a scope.
    const withheldByPortal = new Set(state.portal.withheldScopes ?? []);
    const requested = [...request.requiredRequested, ...request.optionalRequested];
    const pending = {
      id: newPendingId(),
      app: request.app,
      redirectUri: request.redirectUri,
      state: request.state,
      granted: requested.filter((s) => !withheldByPortal.has(s)),
      withheld: requested.filter((s) => withheldByPortal.has(s)),
      codeChallenge: request.codeChallenge,
    };
    state.pending.set(pending.id, pending);
    sendConsentPage(res, pending, state.portal, req.acceptsLanguages('en', 'fr') === 'fr' ? 'fr' : 'en');
  };
}
