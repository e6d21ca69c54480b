import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AdobeResolver } from './adobe/adobe-directory.js';
import type { Config } from './config/config.js';
import type { HubSpotOAuth } from './hubspot/oauth-client.js';
import type { TokenInfo } from './hubspot/introspect-token.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './ops/metrics.js';
import { readinessRoute, type ReadinessCheck } from './ops/readiness.js';
import { registerFlowJobs } from './flows/complete/register-jobs.js';
import { ignoreFlowEvents, type FlowEventSink } from './flows/flow-events.js';
import { TokenSealer } from './flows/sealed-tokens.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { KeyValueStore } from './store/key-value-store.js';
import type session from 'express-session';
import { errorHandler, notFound } from './web/error-handler.js';
import { localeMiddleware } from './web/locale.js';
import { requestLogger } from './web/request-logger.js';
import { callbackRoute } from './web/routes/callback-route.js';
import { connectRoute } from './web/routes/connect-route.js';
import type { RateLimits } from './web/rate-limits.js';
import { healthRoute } from './web/routes/health-route.js';
import { homeRoute } from './web/routes/home-route.js';
import { resultRoute } from './web/routes/result-route.js';
import { securityHeaders } from './web/security-headers.js';
import { KeyValueSessionStore } from './store/session-store.js';
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
  /** Browser sessions: connect-redis with REDIS_URL, else the KeyValueStore. */
  sessions?: session.Store;
  rateLimits?: RateLimits;
  /** What /readyz checks besides the config (Redis and the queue when configured). */
  readiness?: readonly ReadinessCheck[];
  metrics?: Metrics;
  render?: RenderView;
  /** Clock for flow lifetimes; tests move it forward to expire a flow. */
  now?: () => number;
  /** Background work (flow completion, webhook deliveries): BullMQ with REDIS_URL, else in process (also when absent). */
  jobs?: JobQueue;
  /** Told once when a flow ends; nobody listens when absent. */
  events?: FlowEventSink;
  /** Seals the code and tokens kept in flow records; keyed by TOKEN_ENCRYPTION_KEY when absent. */
  sealer?: TokenSealer;
}

/** AppDeps with every default filled in: what routes and completion receive. */
export type AppDepsResolved = AppDeps & Required<Pick<AppDeps, 'render' | 'now' | 'jobs' | 'events' | 'sealer'>>;

/** Builds the Express app. Reads no environment and opens no port: `src/index.ts` does that. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  const render = deps.render ?? createViewRenderer({ cache: !config.development });
  const resolved: AppDepsResolved = {
    ...deps,
    render,
    now: deps.now ?? Date.now,
    jobs: deps.jobs ?? new InProcessQueue({ logger }),
    events: deps.events ?? ignoreFlowEvents,
    sealer: deps.sealer ?? new TokenSealer(config.tokenEncryptionKey),
  };
  registerFlowJobs(resolved);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogger(logger));
  const https = config.publicBaseUrl.startsWith('https:');
  app.use(securityHeaders({ https }));
  app.use('/assets', express.static(join(findProjectRoot(), 'public'), { maxAge: '1h', index: false }));
  app.use(healthRoute());
  app.use(readinessRoute(deps.readiness ?? []));
  // Browsers ask for /favicon.ico regardless of <link rel=icon>; answer without an error page or log noise.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/assets/favicon.svg'));
  app.use((_req, res, next) => {
    res.locals.demoMode = config.mode === 'sandbox';
    next();
  });
  app.use(
    localeMiddleware({
      secureCookies: https,
      stablePaths: (path) => path === '/' || path.startsWith('/result/'),
    }),
  );
  app.use(sessionMiddleware(config, deps.sessions ?? new KeyValueSessionStore(store)));
  app.use(homeRoute({ config, render }));
  if (deps.rateLimits) app.use('/connect', deps.rateLimits.flowStart);
  if (deps.metrics) app.use('/connect', countFlowStarts(deps.metrics));
  app.use(connectRoute({ config, store, hubspot: deps.hubspot, now: resolved.now }));
  app.use(callbackRoute(resolved));
  app.use(resultRoute(resolved));
  app.use(notFound);
  app.use(errorHandler({ logger, render }));
  return app;
}

/** A flow has started when /connect sends the browser to HubSpot. */
function countFlowStarts(metrics: Metrics): express.RequestHandler {
  return (_req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode === 302) metrics.flowStarted();
    });
    next();
  };
}
