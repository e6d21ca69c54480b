import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore, type RedisClient } from '../../src/store/redis-store.js';
import { keyValueStoreContract } from '../support/key-value-store-contract.js';
import { connectedClient, deleteKeys, randomPrefix } from '../support/redis.js';

let client: RedisClient;
const prefix = randomPrefix('store');
beforeAll(async () => {
  client = await connectedClient();
});
afterAll(async () => {
  await deleteKeys(client, prefix);
  await client.close();
});

keyValueStoreContract('RedisStore', async () => new RedisStore(client, { prefix: `${prefix}${Math.random().toString(36).slice(2)}:` }));

describe('RedisStore on a real Redis', () => {
  it('writes every key with a TTL and under its prefix', async () => {
    const store = new RedisStore(client, { prefix: `${prefix}ttl:` });
    await store.set('a', 1, 60_000);
    await store.setIfAbsent('b', 2, 60_000);
    for (const key of [`${prefix}ttl:a`, `${prefix}ttl:b`]) {
      const ttl = await client.pTTL(key);
      expect(ttl, key).toBeGreaterThan(50_000);
      expect(ttl, key).toBeLessThanOrEqual(60_000);
    }
  });
});
