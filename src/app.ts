import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AdobeResolver } from './adobe/adobe-directory.js';
import type { Config } from './config/config.js';
import type { HubSpotOAuth } from './hubspot/oauth-client.js';
import type { TokenInfo } from './hubspot/introspect-token.js';
import type { FlowEventSink } from './flows/flow-events.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logging/logger.js';
import type { ConnectSession, ConnectSessions } from './partners/connect-session.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { errorHandler, notFound } from './web/error-handler.js';
import { localeMiddleware } from './web/locale.js';
import { requestLogger } from './web/request-logger.js';
import { callbackRoute } from './web/routes/callback-route.js';
import { connectRoute } from './web/routes/connect-route.js';
import { healthRoute } from './web/routes/health-route.js';
import { homeRoute } from './web/routes/home-route.js';
import { embedRoute } from './web/routes/embed-route.js';
import { connectSessionsRoute } from './web/routes/partner-api/connect-sessions-route.js';
import { resultRoute } from './web/routes/result-route.js';
import { sessionPageRoute } from './web/routes/session-page-route.js';
import { keepOpener } from './web/security/policies.js';
import { securityHeaders } from './web/security-headers.js';
import { sessionMiddleware } from './web/session.js';
import { createViewRenderer, findProjectRoot, type RenderView } from './web/views.js';

/** Everything the web app needs, built by the entry point (or a test) and injected. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  store: KeyValueStore;
  hubspot: HubSpotOAuth;
  introspect(accessToken: string): Promise<TokenInfo>;
  /** Adobe clients by target (IMS org + sandbox); one IMS token cache per org. */
  adobe: AdobeResolver;
  /** Background work (webhook deliveries, session expiry). */
  jobs?: JobQueue;
  /** Where finished flows are reported (the partner webhook outbox). */
  events?: FlowEventSink;
  /** Partners' connect sessions; without them the partner API and session pages are not mounted. */
  connectSessions?: { sessions: ConnectSessions; onCreated(session: ConnectSession): Promise<void> };
  /** Mounted on the partner API after authentication (rate limits per partner). */
  partnerRateLimit?: express.RequestHandler;
  render?: RenderView;
  /** Clock for flow lifetimes; tests move it forward to expire a flow. */
  now?: () => number;
}

/** Builds the Express app. Reads no environment and opens no port: `src/index.ts` does that. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  const render = deps.render ?? createViewRenderer();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogger(logger));
  const https = config.publicBaseUrl.startsWith('https:');
  app.use(securityHeaders({ https }));
  app.use('/assets', express.static(join(findProjectRoot(), 'public'), { maxAge: '1h', index: false }));
  app.use(healthRoute());
  const now = deps.now ?? Date.now;
  const partnerSessions = deps.connectSessions;
  // Before sessions and locale cookies: the partner API is server-to-server and sets no cookie.
  if (partnerSessions) {
    app.use(
      connectSessionsRoute({
        config,
        logger,
        ...partnerSessions,
        ...(deps.partnerRateLimit ? { rateLimit: deps.partnerRateLimit } : {}),
      }),
    );
  }
  // Browsers ask for /favicon.ico regardless of <link rel=icon>; answer without an error page or log noise.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));
  app.use((_req, res, next) => {
    res.locals.sandboxMode = config.mode === 'sandbox';
    next();
  });
  app.use(
    localeMiddleware({
      secureCookies: https,
      stablePaths: (path) => path === '/' || path.startsWith('/result/'),
    }),
  );
  if (partnerSessions) app.use(embedRoute({ config, sessions: partnerSessions.sessions, render }));
  app.use(sessionMiddleware(config, store));
  app.use(homeRoute(config, render));
  if (config.publicConnect) app.use(connectRoute(config, store, deps.hubspot, now));
  if (partnerSessions) {
    app.use(sessionPageRoute({ config, store, hubspot: deps.hubspot, sessions: partnerSessions.sessions, render, now }));
  }
  if (partnerSessions) app.use(config.hubspot.callbackPath, keepOpener);
  app.use(callbackRoute(config, { ...deps, ...(partnerSessions ? { sessions: partnerSessions.sessions } : {}) }, logger, now));
  app.use(resultRoute(store, render));
  app.use(notFound);
  app.use(errorHandler(logger, render));
  return app;
}
