import { createClient } from 'redis';
import type { Logger } from '../logging/logger.js';
import type { RedisClient } from './redis-store.js';

/**
 * One node-redis client for the store, sessions and rate limits. Commands issued before the connection is
 * up wait in the client's offline queue; a lost connection is retried with capped backoff while /readyz
 * reports 503 (https://github.com/redis/node-redis/blob/master/docs/client-configuration.md).
 */
export function connectRedis(url: string, logger: Logger): RedisClient {
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
export async function closeRedis(client: RedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (client.isReady) {
    const quit = client.close().then(() => true);
    if (await Promise.race([quit, new Promise<boolean>((r) => setTimeout(() => r(false), 2_000).unref())])) return;
  }
  client.destroy();
}
