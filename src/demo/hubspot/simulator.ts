import express from 'express';
import { FaultInjector } from '../kit/faults.js';
import { listenOnLoopback } from '../kit/listen.js';
import { RequestLog, captureRequests } from '../kit/request-log.js';
import { registerApps } from './app-registry.js';
import { handleAuthorize } from './authorize-route.js';
import { DECISION_PATH } from './consent-page.js';
import { handleDecision } from './decision-route.js';
import { handleError, handleNotFound } from './fallback-routes.js';
import { GrantControls } from './grant-controls.js';
import { handleIntrospect } from './introspect-route.js';
import { handleV1AccessToken, handleV1RefreshToken } from './legacy-routes.js';
import { handleRevoke, handleV1Delete } from './revoke-routes.js';
import { SimState } from './state.js';
import { handleToken, type TokenApiVersion } from './token-route.js';
import type { HubSpotSimOptions, HubSpotSimulator } from './types.js';

const TOKEN_VERSIONS: TokenApiVersion[] = ['v1', 'v3', '2026-03'];

/**
 * Starts a strict in-memory HubSpot OAuth server on loopback: the app.hubspot.com install pages
 * and the api.hubapi.com OAuth API on one base URL (docs/reference/hubspot-oauth.md §8). Each call has its own state.
 */
export async function startHubSpotSimulator(options: HubSpotSimOptions): Promise<HubSpotSimulator> {
  const state = new SimState(
    registerApps(options.apps, options.portal),
    options.portal,
    options.codeTtlMs ?? 5 * 60_000,
    options.accessTokenTtlSec ?? 1800,
    options.denyMode ?? 'redirect',
  );
  const requests = new RequestLog();
  const faults = new FaultInjector();
  const grants = new GrantControls(state);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('case sensitive routing', true);
  app.use(captureRequests(requests));
  app.use(faults.middleware());

  const authorize = handleAuthorize(state);
  app.get('/oauth/authorize', authorize);
  // Only numeric hub ids pin an account (docs/reference/hubspot-oauth.md §1); anything else falls through to the 404.
  app.get('/oauth/:portalId/authorize', (req, res, next) => (/^\d+$/.test(req.params.portalId) ? authorize(req, res) : next()));
  app.post(DECISION_PATH, handleDecision(state));

  for (const version of TOKEN_VERSIONS) app.post(`/oauth/${version}/token`, handleToken(state, version));
  app.post('/oauth/v3/token/introspect', handleIntrospect(state));
  app.post('/oauth/2026-03/token/introspect', handleIntrospect(state));
  app.post('/oauth/2026-03/token/revoke', handleRevoke(state));
  app.get('/oauth/v1/access-tokens/:token', handleV1AccessToken(state));
  app.get('/oauth/v1/refresh-tokens/:token', handleV1RefreshToken(state));
  app.delete('/oauth/v1/refresh-tokens/:token', handleV1Delete(state));

  app.use(handleNotFound);
  app.use(handleError);

  const listening = await listenOnLoopback(app, options.port ?? 0);
  return {
    url: listening.url,
    authorizeUrl: `${listening.url}/oauth/authorize`,
    apiBaseUrl: listening.url,
    faults,
    requests,
    stats: () => ({ ...state.counters }),
    // The portal's domain can change in HubSpot (a new domain or a domain migration); the hub id never does.
    setPortalDomain: (domain: string) => Object.assign(state.portal, { domain }),
    uninstallApp: (clientId?: string) => grants.uninstall(clientId),
    removeScope: (scope: string) => grants.removeScope(scope),
    grantOf: (refreshToken: string) => grants.grantOf(refreshToken),
    // A HubSpot user with access to several portals picks one on the consent page; from then on, the codes and
    // tokens issued stand for that portal.
    signInTo: (portal: { hubId: number; domain: string }) => Object.assign(state.portal, portal),
    close: () => listening.close(),
  };
}
