import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/job-queue-contract.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { connectedClient } from '../support/redis.js';

describe('Rate limits and readiness with Redis', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('When one client starts flows on both instances, then the limit counts them together and answers 429 with Retry-After', async () => {
    cluster = await startCluster({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '3' } });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const browser = cluster.browser();
    const statuses = [];
    for (const instance of [a, b, a]) statuses.push((await browser.get(`${instance.url}/connect`)).status);
    expect(statuses).toEqual([302, 302, 302]);
    const page = await browser.get(`${b.url}/connect`);
    expect(page.status).toBe(429);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await page.text()).toContain('Too many attempts from your network');
    const api = await browser.get(`${a.url}/connect`, { accept: 'application/json', 'accept-language': 'fr' });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.json()).error.code).toBe('RATE_LIMITED');
  });

  it('When /readyz is asked while Redis is up, then 200; once Redis goes away, 503 while /healthz stays 200', async () => {
    const redis = await startPrivateRedis();
    try {
      cluster = await startCluster({ instances: 1, env: { REDIS_URL: redis.url } });
      const { url } = cluster.instances[0]!;
      await eventually(async () => (await fetch(`${url}/readyz`)).status === 200);
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({
        status: 'ready',
        checks: { config: 'ok', redis: 'ok', queue: 'ok', database: 'ok' },
      });
      await redis.stop();
      const down = await fetch(`${url}/readyz`);
      expect(down.status).toBe(503);
      expect((await down.json()).status).toBe('not ready');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await redis.stop();
    }
  });
});

describe('Partner API rate limit on Redis', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('holds one budget per API key across two instances of the real app and never stores the key itself', async () => {
    const [one, two] = [newApiKey(), newApiKey()];
    cluster = await startCluster({
      env: {
        RATE_LIMIT_PARTNER_API_PER_MINUTE: '2',
        ...partnersEnv([
          { id: 'one', apiKey: one },
          { id: 'two', apiKey: two },
        ]),
      },
    });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const client = await connectedClient();
    try {
      expect((await partnerApi(a.url, one).create({})).status).toBe(201);
      expect((await partnerApi(b.url, one).create({})).status).toBe(201);
      const limited = await partnerApi(a.url, one).create({});
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await limited.json()).error.code).toBe('RATE_LIMITED');
      expect((await partnerApi(b.url, two).create({})).status).toBe(201);
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${cluster.config.redis!.keyPrefix}rate:*` })) keys.push(...batch);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain(one);
      expect(keys.join(' ')).not.toContain(two);
    } finally {
      await client.close();
    }
  });
});
