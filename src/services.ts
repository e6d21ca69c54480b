import { RedisStore as RedisSessionStore } from 'connect-redis';
import type session from 'express-session';
import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { FlowActivity } from './flows/flow-activity.js';
import { LEASE_MS } from './flows/complete/save-running.js';
import { failRunning } from './flows/fail-running.js';
import { fanOutFlowEvents, inOrderFlowEvents } from './flows/flow-events.js';
import { TokenSealer } from './flows/sealed-tokens.js';
import { DEFAULT_STARTS_PER_CLIENT, StartBudget } from './flows/start-budget.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import { BullMqQueue } from './jobs/bullmq-queue.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { bullConnection } from './jobs/redis-connection.js';
import type { Logger } from './logging/logger.js';
import type { EventLog } from './events/event-log.js';
import { MemoryEventLog } from './events/memory-event-log.js';
import { PostgresEventLog } from './events/postgres-event-log.js';
import { Metrics } from './ops/metrics.js';
import type { ReadinessCheck } from './ops/readiness.js';
import { ConnectSessions, CONNECT_SESSION_TTL_MS } from './partners/connect-session.js';
import { connectionRecorder } from './partners/connection-recorder.js';
import { IdempotencyKeys } from './partners/idempotency-keys.js';
import { RegistryRetry, type RetrySchedule } from './partners/registry-retry.js';
import { WebhookOutbox } from './partners/webhook-outbox.js';
import type { ConnectionRegistry, ConnectionRow } from './registry/connection-registry.js';
import { openConnectionRegistry } from './registry/open-registry.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';
import { closeRedis, connectRedis } from './store/redis-client.js';
import { RedisStore } from './store/redis-store.js';
import { KeyValueSessionStore } from './store/session-store.js';
import { buildHealth } from './health/build-health.js';
import { grantSignal, RetainedTokens } from './health/retained-tokens.js';
import { introspectRefreshToken } from './hubspot/introspect-refresh-token.js';
import { buildRateLimits } from './web/rate-limits.js';
import { sessionPagePath } from './web/routes/partner-api/connect-sessions-route.js';

/** Default shutdown grace for running steps: two leases, room for a step's upstream calls with their deadlines. */
export const COMPLETION_GRACE_MS = 2 * LEASE_MS;

export interface ServiceCloseOptions {
  /** How long running completion steps may take to finish (default COMPLETION_GRACE_MS). */
  graceMs?: number;
}

/** What tests (and the benchmark) may replace: the store, the queue, the clock, session lifetime, webhook timing. */
export interface ServiceOptions {
  store?: KeyValueStore;
  jobs?: JobQueue;
  now?: () => number;
  sessionTtlMs?: number;
  eventLog?: EventLog;
  webhookSchedule?: readonly number[];
  /** The budget of anonymous flow starts (tests give a small one). */
  startBudget?: StartBudget;
  /** The health watch's jitter source, a number in [0, 1) (tests pin it). */
  random?: () => number;
  /** Wraps the connection registry (tests make its writes fail as a database outage would). */
  wrapRegistry?: (registry: ConnectionRegistry) => ConnectionRegistry;
  /** Attempts and backoff of a registry write retried in the background (tests give a short one). */
  registryRetry?: RetrySchedule;
  /** Wraps the partner event log (tests make its writes fail as a database outage would). */
  wrapEventLog?: (log: EventLog) => EventLog;
  /** Attempts and backoff of an event log write retried in the background (tests give a short one). */
  eventLogRetry?: RetrySchedule;
}

/**
 * Wires the adapters for a config: the composition used by the entry point and the integration tests.
 * With REDIS_URL everything shared (store, sessions, jobs, rate limits) is on Redis; without it, in memory.
 */
export function buildServices(config: Config, logger: Logger, options: ServiceOptions = {}) {
  const redis = config.redis ? connectRedis(config.redis.url, logger) : undefined;
  const prefix = config.redis?.keyPrefix ?? '';
  const kv = options.store ?? (redis ? new RedisStore(redis, { prefix }) : new MemoryStore());
  const jobs: JobQueue & { ping?(): Promise<boolean> } =
    options.jobs ??
    (config.redis
      ? new BullMqQueue({ connection: bullConnection(config.redis.url), prefix: `${prefix}jobs`, logger })
      : new InProcessQueue({ logger }));
  const sessions: session.Store = redis
    ? // disableTouch: the expiry moves only on save, with the cookie's (src/web/session.ts).
      new RedisSessionStore({ client: redis, prefix: `${prefix}session:`, disableTouch: true })
    : new KeyValueSessionStore(kv);
  const registry = openConnectionRegistry(config, logger);
  const connections = options.wrapRegistry?.(registry.connections) ?? registry.connections;
  const metrics = new Metrics(
    config,
    () => jobs.depth(),
    () => connections.countByStatus(),
  );
  const http = new UpstreamClient({ timeoutMs: config.upstreamTimeoutMs, observe: metrics.observeUpstream });
  const now = options.now ?? Date.now;
  const sealer = new TokenSealer(config.tokenEncryptionKey);
  const connectSessions = new ConnectSessions(kv, now, options.sessionTtlMs ?? CONNECT_SESSION_TTL_MS);
  // With DATABASE_URL the event log shares the registry's database (and waits for its migrations).
  const openedLog: EventLog =
    options.eventLog ?? (registry.pool ? new PostgresEventLog(registry.pool, registry.ready, now) : new MemoryEventLog(now));
  const eventLog = options.wrapEventLog?.(openedLog) ?? openedLog;
  const outbox = new WebhookOutbox({
    jobs,
    sessions: connectSessions,
    partners: config.partners,
    eventLog,
    logger,
    timeoutMs: config.upstreamTimeoutMs,
    now,
    onDelivery: (outcome) => metrics.webhookDelivery(outcome),
    onEventLogRetry: (outcome) => metrics.eventLogWriteRetry(outcome),
    ...(options.webhookSchedule ? { schedule: options.webhookSchedule } : {}),
    ...(options.eventLogRetry ? { eventLogRetry: options.eventLogRetry } : {}),
  });
  const adobe = new AdobeDirectory(
    http,
    config,
    config.partners.flatMap((p) => (p.adobe ? [p.adobe] : [])),
  );
  const retained = config.health.retainRefreshToken ? new RetainedTokens(kv, sealer) : undefined;
  const reconnectSessions = new ConnectSessions(kv, now, config.health.reconnectTtlHours * 60 * 60 * 1000);
  const health = buildHealth({
    config,
    logger,
    store: kv,
    jobs,
    adobe,
    registry: connections,
    send: (partnerId, type, data) => outbox.sendHealthEvent(partnerId, type, data),
    // A reconnect session: a connect session bound to the connection, back to the partner's first return URL.
    createSession: async ({ partner, connection }) => {
      const { session, token } = await reconnectSessions.create({
        partnerId: partner.id,
        sandbox: connection.sandbox,
        ...(partner.returnUrls[0] ? { returnUrl: partner.returnUrls[0] } : {}),
        ...(connection.partnerUserId !== undefined ? { partnerUserId: connection.partnerUserId } : {}),
        ...(connection.metadata ? { metadata: connection.metadata } : {}),
        reconnect: { connectionId: connection.id, hubId: connection.hubId },
        connectionId: connection.id,
      });
      return { sessionId: session.id, url: `${config.publicBaseUrl}${sessionPagePath(token)}`, expiresAt: session.expiresAt };
    },
    now,
    onCheck: (outcome) => metrics.healthCheck(outcome),
    ...(retained
      ? {
          grant: async (connectionId: string) => {
            const state = await retained.introspect(connectionId, (token) => introspectRefreshToken(http, config, token));
            return state && grantSignal(state, config.hubspot.scopes);
          },
        }
      : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  void health.start().catch((err: Error) => logger.warn({ err: { message: err.message } }, 'health watch schedule not set'));
  // A registry write the database refuses is retried in the background (the outbox and health sinks still run).
  const registryRetry = new RegistryRetry({
    connections,
    jobs,
    logger,
    onRetry: (outcome) => metrics.registryWriteRetry(outcome),
    ...(options.registryRetry ? { schedule: options.registryRetry } : {}),
  });
  // The row first: a partner reading the connection when its webhook arrives finds it; a repaired connection's
  // connection.recovered after its connection.updated.
  const activity = new FlowActivity();
  const events = fanOutFlowEvents(
    activity,
    metrics.flowEvents,
    inOrderFlowEvents(connectionRecorder(connections, connectSessions, registryRetry), outbox, health.onReconnect),
  );
  const readiness: ReadinessCheck[] = [
    ...(redis
      ? [
          { name: 'redis', check: () => kv.ping() },
          { name: 'queue', check: () => jobs.ping?.() ?? Promise.resolve(true) },
        ]
      : []),
    ...(config.database ? [{ name: 'database', check: () => connections.ping() }] : []),
  ];
  let closing: Promise<void> | undefined;
  const closeOnce = async (closeOptions: ServiceCloseOptions) => {
    await jobs.close(closeOptions.graceMs ?? COMPLETION_GRACE_MS);
    if (!redis) {
      for (const ctx of activity.running.values()) {
        await failRunning({ store: kv, events, now }, ctx.record, 'shut down while running').catch(() => undefined);
      }
    }
    await http.close();
    await eventLog.close();
    await connections.close();
    await kv.close();
    if (redis) await closeRedis(redis);
  };
  return {
    config,
    logger,
    store: kv,
    sessions,
    jobs,
    metrics,
    readiness,
    rateLimits: buildRateLimits(config, redis ? { client: redis, prefix } : undefined),
    hubspot: createHubSpotOAuth(config),
    introspect: (accessToken: string) => introspectAccessToken(http, config, accessToken),
    adobe,
    events,
    activity,
    health,
    backgroundJobs: [outbox.jobs, health.jobs, registryRetry.jobs],
    connections,
    announceDeleted: (row: ConnectionRow) => outbox.connectionDeleted(row),
    forgetDeleted: async (id: string) => void (await Promise.all([health.state.forget(id), retained?.forget(id)])),
    /** The PostgreSQL pool with DATABASE_URL (for other tables of the same database), else undefined. */
    database: registry.pool,
    /** Resolves once the database is migrated (at once without DATABASE_URL); the entry point awaits it before listening. */
    ready: registry.ready,
    sealer,
    // An operator who raises the per-minute limit (many users behind one address) raises the per-client bound too.
    startBudget:
      options.startBudget ??
      new StartBudget({ now, perClient: Math.max(DEFAULT_STARTS_PER_CLIENT, config.rateLimits.flowStartsPerMinute) }),
    ...(retained ? { retainRefreshToken: (id: string, token: string) => retained.keep(id, token) } : {}),
    connectSessions: {
      sessions: connectSessions,
      idempotency: new IdempotencyKeys(kv, sealer),
      onCreated: (s: Parameters<WebhookOutbox['scheduleExpiry']>[0]) => outbox.scheduleExpiry(s),
    },
    webhookEvents: {
      log: eventLog,
      redeliver: (partnerId: string, eventId: string) => outbox.redeliver(partnerId, eventId),
    },
    now,
    /**
     * The queue first, letting running steps finish within `graceMs` (they still need upstream connections and
     * the store); then upstream connections, the registry's database pool, the store, and Redis last. Without Redis, flows still running in
     * this process after the grace are failed with a retryable page (their sealed tokens kept for Retry), never
     * left dangling; with Redis, BullMQ hands their jobs to another instance once this one's lock lapses.
     */
    close: (closeOptions: ServiceCloseOptions = {}) => (closing ??= closeOnce(closeOptions)),
  } satisfies AppDeps & Record<string, unknown>;
}
