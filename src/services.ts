import { RedisStore as RedisSessionStore } from 'connect-redis';
import type session from 'express-session';
import { createClient } from 'redis';
import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import { BullMqQueue } from './jobs/bullmq-queue.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { bullConnection } from './jobs/redis-connection.js';
import type { Logger } from './logging/logger.js';
import { Metrics } from './ops/metrics.js';
import type { ReadinessCheck } from './ops/readiness.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';
import { RedisStore, type RedisClient } from './store/redis-store.js';
import { KeyValueSessionStore } from './store/session-store.js';
import { buildRateLimits } from './web/rate-limits.js';

/** How long shutdown lets running jobs finish before leaving them to another instance (BullMQ) or dropping them. */
const JOBS_GRACE_MS = 5_000;

/**
 * Wires the adapters for a config: the composition used by the entry point and the integration tests.
 * With REDIS_URL everything shared (store, sessions, jobs, rate limits) is on Redis; without it, in memory.
 */
export function buildServices(config: Config, logger: Logger, store?: KeyValueStore) {
  const redis = config.redis ? connectRedis(config.redis.url, logger) : undefined;
  const prefix = config.redis?.keyPrefix ?? '';
  const kv = store ?? (redis ? new RedisStore(redis, { prefix }) : new MemoryStore());
  const jobs: JobQueue & { ping?(): Promise<boolean> } = config.redis
    ? new BullMqQueue({ connection: bullConnection(config.redis.url), prefix: `${prefix}jobs`, logger })
    : new InProcessQueue({ logger });
  const sessions: session.Store = redis
    ? new RedisSessionStore({ client: redis, prefix: `${prefix}session:` })
    : new KeyValueSessionStore(kv);
  const metrics = new Metrics(config, () => jobs.depth());
  const http = new UpstreamClient({ timeoutMs: config.upstreamTimeoutMs, observe: metrics.observeUpstream });
  const readiness: ReadinessCheck[] = redis
    ? [
        { name: 'redis', check: () => kv.ping() },
        { name: 'queue', check: () => jobs.ping?.() ?? Promise.resolve(true) },
      ]
    : [];
  const deps = {
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
    adobe: new AdobeDirectory(http, config),
    /** Upstream connections first, then the queue (running jobs get JOBS_GRACE_MS), then the store and Redis last. */
    close: async () => {
      await http.close();
      await jobs.close(JOBS_GRACE_MS);
      await kv.close();
      if (redis) await closeRedis(redis);
    },
  } satisfies AppDeps & Record<string, unknown>;
  return deps;
}

/**
 * One node-redis client for the store, sessions and rate limits. Commands issued before the connection is
 * up wait in the client's offline queue; a lost connection is retried with capped backoff while /readyz
 * reports 503 (https://github.com/redis/node-redis/blob/master/docs/client-configuration.md).
 */
function connectRedis(url: string, logger: Logger): RedisClient {
  const client: RedisClient = createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000) },
  });
  let reported = false;
  client.on('error', (err: Error) => {
    // Log the first failure of an outage, not one line per reconnect attempt.
    if (!reported) logger.error({ err: { message: err.message } }, 'redis connection error');
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  client.connect().catch((err: Error) => logger.error({ err: { message: err.message } }, 'redis connection failed'));
  return client;
}

/** QUIT when Redis answers (pending commands finish first); otherwise, or if QUIT hangs, drop the socket. */
async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) {
    const quit = client.close().then(() => true);
    if (await Promise.race([quit, new Promise<boolean>((r) => setTimeout(() => r(false), 2_000).unref())])) return;
  }
  client.destroy();
}
