import { join } from 'node:path';
import express, { type Express } from 'express';
import type { AppDeps, AppDepsResolved } from './app-deps.js';
import { completionJobs } from './flows/complete/register-jobs.js';
import { FlowActivity } from './flows/flow-activity.js';
import { TokenSealer } from './flows/sealed-tokens.js';
import { StartBudget } from './flows/start-budget.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import { registerJobs } from './jobs/job-table.js';
import type { Metrics } from './ops/metrics.js';
import { readinessRoute } from './ops/readiness.js';
import { MemoryRegistry } from './registry/memory-registry.js';
import { KeyValueSessionStore } from './store/session-store.js';
import { errorHandler, notFound } from './web/error-handler.js';
import { localeMiddleware } from './web/locale.js';
import { requestLogger } from './web/request-logger.js';
import { callbackRoute } from './web/routes/callback-route.js';
import { connectRoute } from './web/routes/connect-route.js';
import { under } from './web/route-prefix.js';
import { embedRoute } from './web/routes/embed-route.js';
import { healthRoute } from './web/routes/health-route.js';
import { homeRoute } from './web/routes/home-route.js';
import { connectionCheckRoute } from './web/routes/partner-api/connection-check-route.js';
import { connectSessionsRoute } from './web/routes/partner-api/connect-sessions-route.js';
import { connectionsRoute } from './web/routes/partner-api/connections-route.js';
import { eventsRoute } from './web/routes/partner-api/events-route.js';
import { resultRoute } from './web/routes/result-route.js';
import { sessionPageRoute } from './web/routes/session-page-route.js';
import { keepOpener } from './web/security/policies.js';
import { securityHeaders } from './web/security-headers.js';
import { redirectTo } from './web/redirect.js';
import { renewSessionWhenDue, sessionMiddleware } from './web/session.js';
import { createViewRenderer, findProjectRoot } from './web/views.js';

export type { AppDeps, AppDepsResolved } from './app-deps.js';

/** Builds the Express app. Reads no environment and opens no port: `src/index.ts` does that. */
export function createApp(deps: AppDeps): Express {
  const { config, logger, store } = deps;
  const render = deps.render ?? createViewRenderer({ cache: !config.development });
  const activity = deps.activity ?? new FlowActivity();
  const resolved: AppDepsResolved = {
    ...deps,
    render,
    now: deps.now ?? Date.now,
    jobs: deps.jobs ?? new InProcessQueue({ logger }),
    events: deps.events ?? activity,
    activity,
    sealer: deps.sealer ?? new TokenSealer(config.tokenEncryptionKey),
    startBudget: deps.startBudget ?? new StartBudget({ ...(deps.now ? { now: deps.now } : {}) }),
    connections: deps.connections ?? new MemoryRegistry(),
  };
  // Every background job this instance runs, registered here and nowhere else.
  registerJobs(resolved.jobs, [completionJobs(resolved), ...(deps.backgroundJobs ?? [])]);
  const { now, startBudget } = resolved;
  const app = express();
  app.disable('x-powered-by');
  // No ETag on rendered answers: nearly all are no-store (a validator for a response no cache keeps is a hash of
  // the body for nothing), and the rest are small per-locale pages. Static files keep theirs (serve-static).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(requestLogger(logger));
  const https = config.publicBaseUrl.startsWith('https:');
  app.use(securityHeaders({ https }));
  app.use('/assets', express.static(join(findProjectRoot(), 'public'), { maxAge: '1h', index: false }));
  app.use(under(['/healthz'], healthRoute()));
  app.use(under(['/readyz'], readinessRoute(deps.readiness ?? [])));
  const partnerSessions = deps.connectSessions;
  // Before sessions and locale cookies: the partner API is server-to-server and sets no cookie.
  // Per API key, and (before authentication) a budget of refused keys per client address: the same on every route.
  const limits = deps.rateLimits;
  const guards = limits ? { rateLimit: limits.partnerApi, authFailureLimit: limits.partnerApiAuthFailures } : {};
  if (deps.health) {
    const check = { config, logger, connections: resolved.connections, health: deps.health };
    app.use(under(['/api/'], connectionCheckRoute({ ...check, ...guards })));
  }
  if (partnerSessions) {
    // The partner API lives under /api/: no other request walks its routers.
    const api = express.Router();
    api.use(connectSessionsRoute({ config, logger, connections: resolved.connections, ...partnerSessions, ...guards }));
    api.use(
      connectionsRoute({
        config,
        logger,
        connections: resolved.connections,
        adobe: deps.adobe,
        store,
        now: resolved.now,
        announceDeleted: deps.announceDeleted ?? (async () => {}),
        ...(deps.forgetDeleted ? { forgetDeleted: deps.forgetDeleted } : {}),
        ...guards,
      }),
    );
    if (deps.webhookEvents) api.use(eventsRoute({ config, logger, ...deps.webhookEvents, ...guards }));
    app.use(under(['/api/'], api));
  }
  // Browsers ask for /favicon.ico regardless of <link rel=icon>; answer without an error page or log noise.
  app.get('/favicon.ico', (_req, res) => redirectTo(res, 301, '/assets/favicon.svg'));
  app.use((_req, res, next) => {
    res.locals.demoMode = config.mode === 'demo';
    next();
  });
  app.use(
    localeMiddleware({
      secureCookies: https,
      stablePaths: (path) => path === '/' || path.startsWith('/result/'),
    }),
  );
  if (partnerSessions) app.use(under(['/embed'], embedRoute({ config, sessions: partnerSessions.sessions, render })));
  app.use(sessionMiddleware(config, deps.sessions ?? new KeyValueSessionStore(store)), renewSessionWhenDue);
  // Flow starts: the anonymous GET /connect and a partner session page's POST; both rate-limited per client IP.
  const startGuards = [deps.rateLimits?.flowStart, deps.metrics ? countFlowStarts(deps.metrics) : undefined].filter((h) => h !== undefined);
  if (startGuards.length > 0) {
    app.get('/connect', ...startGuards);
    app.post('/connect-sessions/:token/continue', ...startGuards);
  }
  if (config.publicConnect) app.use(under(['/connect'], connectRoute({ config, store, hubspot: deps.hubspot, now, startBudget })));
  if (partnerSessions) {
    const sessions = partnerSessions.sessions;
    app.use(under(['/connect-sessions/'], sessionPageRoute({ config, store, hubspot: deps.hubspot, sessions, render, now, startBudget })));
    // The popup's opener must survive HubSpot's round trip back to our callback (helmet's COOP would sever it).
    app.use(config.hubspot.callbackPath, keepOpener);
  }
  app.use(under([config.hubspot.callbackPath], callbackRoute(resolved)));
  app.use(under(['/result/'], resultRoute(resolved)));
  // Last of the pages: it answers only `/`, so the flow's requests never walk its router.
  app.use(homeRoute({ config, render }));
  app.use(notFound);
  app.use(errorHandler({ logger, render }));
  return app;
}

/** A flow has started when the start route sends the browser to HubSpot (302 from GET, 303 from POST). */
function countFlowStarts(metrics: Metrics): express.RequestHandler {
  return (_req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode === 302 || res.statusCode === 303) metrics.flowStarted();
    });
    next();
  };
}
