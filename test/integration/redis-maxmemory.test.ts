import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { connectedClient } from '../support/redis.js';

/**
 * Redis at `maxmemory` with `noeviction` (what BullMQ requires): every write is refused. The user must get a
 * clear 503 (STORE_FULL), never a 500, and whatever Redis already holds stays.
 */
describe('Redis at maxmemory (noeviction)', () => {
  let cluster: Cluster | undefined;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
  afterEach(async () => {
    await cluster?.close();
    await redis?.stop();
    cluster = redis = undefined;
  });

  it('When Redis refuses writes, then a flow start answers 503 STORE_FULL (page and JSON), not 500', async () => {
    redis = await startPrivateRedis();
    cluster = await startCluster({ instances: 1, env: { REDIS_URL: redis.url } });
    const { url } = cluster.instances[0]!;
    expect((await cluster.browser().get(`${url}/connect`)).status).toBe(302);

    const admin = await connectedClient(redis.url);
    try {
      await admin.set('ballast:0', 'kept');
      // Far below what Redis already uses: every write is refused from now on (reads still answer).
      await admin.configSet({ maxmemory: '1048576', 'maxmemory-policy': 'noeviction' });
      await expect(admin.set('ballast:1', 'x')).rejects.toThrow(/^OOM/);

      const page = await cluster.browser().get(`${url}/connect`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('The service is full and cannot take this request right now.');
      const api = await cluster.browser().get(`${url}/connect`, { accept: 'application/json' });
      expect(api.status).toBe(503);
      expect((await api.json()).error.code).toBe('STORE_FULL');
      expect(await admin.get('ballast:0')).not.toBeNull();
      expect(cluster.instances[0]!.logLines.join('')).not.toContain('"errorCode":"INTERNAL"');
    } finally {
      await admin.close();
    }
  });
});
