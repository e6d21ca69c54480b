import { RedisStore as RedisSessionStore } from 'connect-redis';
import type session from 'express-session';
import type { Config } from '../config/config.js';
import { BullMqQueue } from '../jobs/bullmq-queue.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { bullConnection } from '../jobs/redis-connection.js';
import type { Logger } from '../logging/logger.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { MemoryStore } from '../store/memory-store.js';
import { closeRedis, connectRedis } from '../store/redis-client.js';
import { RedisStore } from '../store/redis-store.js';
import { KeyValueSessionStore } from '../store/session-store.js';

/**
 * Where an instance keeps what it shares with the others: with REDIS_URL the store, browser sessions and jobs are all
 * on Redis (one key prefix per deployment); without it, all in this process.
 */
export function openSharedState(config: Config, logger: Logger, replace: { store?: KeyValueStore; jobs?: JobQueue } = {}) {
  const redis = config.redis ? connectRedis(config.redis.url, logger) : undefined;
  const prefix = config.redis?.keyPrefix ?? '';
  const kv = replace.store ?? (redis ? new RedisStore(redis, { prefix }) : new MemoryStore());
  const jobs: JobQueue & { ping?(): Promise<boolean> } =
    replace.jobs ??
    (config.redis
      ? new BullMqQueue({ connection: bullConnection(config.redis.url), prefix: `${prefix}jobs`, logger })
      : new InProcessQueue({ logger }));
  const sessions: session.Store = redis
    ? // disableTouch: the expiry moves only on save, with the cookie's (src/web/session.ts).
      new RedisSessionStore({ client: redis, prefix: `${prefix}session:`, disableTouch: true })
    : new KeyValueSessionStore(kv);
  return {
    redis,
    prefix,
    kv,
    jobs,
    sessions,
    /** The store, then Redis itself (the queue is closed first, by the caller, so running steps can still save). */
    close: async () => {
      await kv.close();
      if (redis) await closeRedis(redis);
    },
  };
}
