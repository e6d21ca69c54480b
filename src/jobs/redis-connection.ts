import type { ConnectionOptions } from 'bullmq';

/**
 * BullMQ's connection options for a redis:// or rediss:// URL. `maxRetriesPerRequest: null` is what
 * BullMQ requires of a worker's connection (https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest).
 */
export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.slice(1) || '0');
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db,
    ...(url.protocol === 'rediss:' ? { tls: { servername: url.hostname } } : {}),
    maxRetriesPerRequest: null,
  };
}
