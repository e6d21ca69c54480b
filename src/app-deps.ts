import type session from 'express-session';
import type { AdobeResolver } from './adobe/adobe-directory.js';
import type { Config } from './config/config.js';
import type { EventLog } from './events/event-log.js';
import type { FlowActivity } from './flows/flow-activity.js';
import type { FlowEventSink } from './flows/flow-events.js';
import type { StartBudget } from './flows/start-budget.js';
import type { TokenSealer } from './flows/sealed-tokens.js';
import type { HubSpotOAuth } from './hubspot/oauth-client.js';
import type { TokenInfo } from './hubspot/introspect-token.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { JobTable } from './jobs/job-table.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './ops/metrics.js';
import type { ReadinessCheck } from './ops/readiness.js';
import type { ConnectSession, ConnectSessions } from './partners/connect-session.js';
import type { HealthChecker } from './health/health-checker.js';
import type { HealthState } from './health/health-state.js';
import type { IdempotencyKeys } from './partners/idempotency-keys.js';
import type { ConnectionRegistry, ConnectionRow } from './registry/connection-registry.js';
import type { KeyValueStore } from './store/key-value-store.js';
import type { RateLimits } from './web/rate-limits.js';
import type { RenderView } from './web/views.js';

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
  /**
   * Partners' connect sessions; without them the partner API and session pages are not mounted. buildServices
   * always gives them: with no PARTNERS_FILE the API then refuses every key (401).
   */
  connectSessions?: { sessions: ConnectSessions; idempotency: IdempotencyKeys; onCreated(session: ConnectSession): Promise<void> };
  /** The partner's event log (GET /api/v1/events) and redelivery; the events API is not mounted without it. */
  webhookEvents?: { log: EventLog; redeliver(partnerId: string, eventId: string): Promise<void> };
  render?: RenderView;
  /** Clock for flow lifetimes; tests move it forward to expire a flow. */
  now?: () => number;
  /** Background work (flow completion, webhook deliveries): BullMQ with REDIS_URL, else in process (also when absent). */
  jobs?: JobQueue;
  /**
   * The jobs of parts built beside the app on the same queue (the webhook outbox, the health watch); createApp
   * registers them with completion's, so no job of theirs runs before the app exists and none runs without it.
   */
  backgroundJobs?: readonly JobTable[];
  /** Told once when a flow ends (metrics, the partner webhook outbox); only `activity` listens when absent. */
  events?: FlowEventSink;
  /**
   * This instance's running flows and finished notices; it must also be one of `events`' sinks for a waiting
   * callback to wake at once (buildServices does both). A fresh one when absent.
   */
  activity?: FlowActivity;
  /** Tells a partner its connection was deleted (the webhook outbox); the connections API is mounted with it. */
  announceDeleted?(row: ConnectionRow): Promise<void>;
  /** Drops what the service keeps beside a deleted connection's row (the health watch's memory, a retained token). */
  forgetDeleted?(connectionId: string): Promise<void>;
  /** The registry of connections (PostgreSQL with DATABASE_URL, else memory); a fresh MemoryRegistry when absent. */
  connections?: ConnectionRegistry;
  /** The health watch's state and checker, for check-now; the route is not mounted without them. */
  health?: { state: HealthState; checker: HealthChecker };
  /** Keeps a new connection's HubSpot refresh token sealed for introspection (only with HEALTH_WATCH_RETAIN_REFRESH_TOKEN). */
  retainRefreshToken?: (connectionId: string, refreshToken: string) => Promise<void>;
  /** Seals the code and tokens kept in flow records; keyed by TOKEN_ENCRYPTION_KEY when absent. */
  sealer?: TokenSealer;
  /** Bounds anonymous flow starts per client IP and per instance (default bounds when absent). */
  startBudget?: StartBudget;
}

/** AppDeps with every default filled in: what routes and completion receive. */
export type AppDepsResolved = AppDeps &
  Required<Pick<AppDeps, 'render' | 'now' | 'jobs' | 'events' | 'activity' | 'sealer' | 'connections' | 'startBudget'>>;
