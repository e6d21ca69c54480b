import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { FlowActivity } from './flows/flow-activity.js';
import { failRunning } from './flows/fail-running.js';
import { fanOutFlowEvents, inOrderFlowEvents } from './flows/flow-events.js';
import { TokenSealer } from './flows/sealed-tokens.js';
import { DEFAULT_STARTS_PER_CLIENT, StartBudget } from './flows/start-budget.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import type { Logger } from './logging/logger.js';
import type { EventLog } from './events/event-log.js';
import { MemoryEventLog } from './events/memory-event-log.js';
import { PostgresEventLog } from './events/postgres-event-log.js';
import { Metrics } from './ops/metrics.js';
import type { ReadinessCheck } from './ops/readiness.js';
import { ConnectSessions, CONNECT_SESSION_TTL_MS } from './partners/connect-session.js';
import { connectionRecorder } from './partners/connection-recorder.js';
import { IdempotencyKeys } from './partners/idempotency-keys.js';
import { RegistryRetry } from './partners/registry-retry.js';
import { WebhookOutbox } from './partners/webhook-outbox.js';
import type { ConnectionRow } from './registry/connection-registry.js';
import { openConnectionRegistry } from './registry/open-registry.js';
import { buildRateLimits } from './web/rate-limits.js';
import { wireHealth } from './wiring/health-wiring.js';
import { COMPLETION_GRACE_MS, type ServiceCloseOptions, type ServiceOptions } from './wiring/service-options.js';
import { openSharedState } from './wiring/shared-state.js';

export { COMPLETION_GRACE_MS, type ServiceCloseOptions, type ServiceOptions } from './wiring/service-options.js';

/**
 * Wires the adapters for a config: the composition used by the entry point and the integration tests.
 * With REDIS_URL everything shared (store, sessions, jobs, rate limits) is on Redis; without it, in memory.
 */
export function buildServices(config: Config, logger: Logger, options: ServiceOptions = {}) {
  const shared = openSharedState(config, logger, {
    ...(options.store ? { store: options.store } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
  });
  const { redis, prefix, kv, jobs, sessions } = shared;
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
  const { health, retained } = wireHealth({
    config,
    logger,
    kv,
    jobs,
    http,
    adobe,
    connections,
    sealer,
    metrics,
    now,
    send: (partnerId, type, data) => outbox.sendHealthEvent(partnerId, type, data),
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
    await shared.close();
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
