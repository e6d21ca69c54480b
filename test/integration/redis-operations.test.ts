import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { errorHandler } from '../../src/web/error-handler.js';
import { buildRateLimits } from '../../src/web/rate-limits.js';
import { createLogger } from '../../src/logging/logger.js';
import { createViewRenderer } from '../../src/web/views.js';
import { eventually } from '../support/job-queue-contract.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { connectedClient, deleteKeys, randomPrefix } from '../support/redis.js';

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
  it('holds one budget per API key across two instances and never stores the key itself', async () => {
    const prefix = randomPrefix('partner-limit');
    // DATABASE_URL only satisfies the configuration: this test builds the rate limits alone, never opens the database.
    const loaded = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      RATE_LIMIT_PARTNER_API_PER_MINUTE: '2',
    });
    if (!loaded.ok) throw new Error(loaded.problems.join());
    const client = await connectedClient();
    const servers = await Promise.all(
      [1, 2].map(async () => {
        const app = express();
        app.use('/api', buildRateLimits(loaded.config, { client, prefix }).partnerApi, (_req, res) => void res.json({ ok: true }));
        app.use(errorHandler({ logger: createLogger('silent'), render: createViewRenderer() }));
        const server = createServer(app);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api` };
      }),
    );
    try {
      const call = (i: number, key: string) =>
        fetch(servers[i]!.url, { headers: { authorization: `Bearer ${key}`, accept: 'application/json' } });
      expect((await call(0, 'partner-key-one')).status).toBe(200);
      expect((await call(1, 'partner-key-one')).status).toBe(200);
      const limited = await call(0, 'partner-key-one');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await limited.json()).error.code).toBe('RATE_LIMITED');
      expect((await call(1, 'partner-key-two')).status).toBe(200);
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain('partner-key');
    } finally {
      for (const { server } of servers) server.close();
      await deleteKeys(client, prefix);
      await client.close();
    }
  });
});
