import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { RedisClient } from '../../src/store/redis-store.js';

/** The Redis every integration test shares (`.ci/run` starts one when none answers). */
export const REDIS_URL = 'redis://127.0.0.1:6379';

/** A key prefix of its own per test file or test, so tests never see each other's keys. */
export const randomPrefix = (label: string) => `test:${label}:${randomBytes(6).toString('hex')}:`;

export async function connectedClient(url = REDIS_URL): Promise<RedisClient> {
  const client: RedisClient = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Deletes every key under `prefix` (SCAN, never KEYS, even in tests). */
export async function deleteKeys(client: RedisClient, prefix: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await client.del(keys);
}
