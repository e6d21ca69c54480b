import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { connectedClient } from '../support/redis.js';

describe('Two instances sharing Redis, behind a load balancer', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('When a flow starts on one instance and HubSpot sends the user back to the other, then it completes', async () => {
    cluster = await startCluster();
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const browser = cluster.browser();
    const callbackUrl = await cluster.startAndConsent(browser, a);
    const run = await cluster.finish(browser, callbackUrl, b, a);
    expect(run.callback.status).toBe(303);
    expect(run.result.status).toBe(200);
    expect(run.html).toContain('HubSpot is connected');
    expect(cluster.sandbox.flowService.connections()).toHaveLength(1);
  });

  it('When both instances restart while the user is on the consent page, then the flow still completes', async () => {
    cluster = await startCluster();
    const browser = cluster.browser();
    const callbackUrl = await cluster.startAndConsent(browser, cluster.instances[0]!);
    for (const old of cluster.instances.splice(0)) await old.close();
    const fresh = await cluster.start();
    await cluster.start();
    const run = await cluster.finish(browser, callbackUrl, fresh, cluster.instances[1]!);
    expect(run.result.status).toBe(200);
    expect(run.html).toContain('HubSpot is connected');
  });

  it('Without Redis, the same cross-instance callback fails: the state lives in the other process', async () => {
    cluster = await startCluster({ redis: false });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const browser = cluster.browser();
    const run = await cluster.finish(browser, await cluster.startAndConsent(browser, a), b);
    expect(run.callback.status).toBe(400);
  });

  it('gives every key a flow start writes a TTL of minutes, sessions included', async () => {
    cluster = await startCluster({ instances: 1 });
    await cluster.startAndConsent(cluster.browser(), cluster.instances[0]!);
    const client = await connectedClient();
    try {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${cluster.config.redis!.keyPrefix}*`, COUNT: 500 })) keys.push(...batch);
      // BullMQ's own bookkeeping (queue meta, id counter) is a handful of fixed keys with no TTL; its jobs
      // are removed on completion. Everything the service itself writes must expire.
      const ours = keys.filter((k) => !k.startsWith(`${cluster!.config.redis!.keyPrefix}jobs:`));
      expect(ours.some((k) => k.includes('session:'))).toBe(true);
      expect(ours.some((k) => k.includes('flow:'))).toBe(true);
      for (const key of ours) {
        const ttl = await client.pTTL(key);
        expect(ttl, key).toBeGreaterThan(0);
        expect(ttl, key).toBeLessThanOrEqual(20 * 60 * 1000);
      }
    } finally {
      await client.close();
    }
  });

  it('When 500 callbacks arrive at once across two instances, then IMS is asked once per instance and one connection results', async () => {
    cluster = await startCluster({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '100000' } });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const before = cluster.sandbox.ims.tokensIssued();
    const pending: { browser: ReturnType<Cluster['browser']>; callbackUrl: string }[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      pending.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, async () => {
            const browser = cluster!.browser();
            return { browser, callbackUrl: await cluster!.startAndConsent(browser, a) };
          }),
        )),
      );
    }
    const runs = await Promise.all(pending.map((p, i) => cluster!.finish(p.browser, p.callbackUrl, i % 2 ? a : b)));
    // A progress page is not a success: each browser follows its page's refresh until the flow has finished.
    const finals = await Promise.all(
      runs.map(async (run, i) => {
        let html = run.html;
        const location = run.callback.headers.get('location') ?? '';
        for (let n = 0; n < 300 && html.includes('http-equiv="refresh"'); n += 1) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          html = await (await pending[i]!.browser.get(cluster!.on(i % 2 ? a : b, location))).text();
        }
        return html.includes('HubSpot is connected') ? 'connected' : (/Reference for support: ([A-Z_]+)/.exec(html)?.[1] ?? 'pending');
      }),
    );
    const outcomes = finals.reduce<Record<string, number>>((m, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }), {});
    // 500 updates of one portal's connection queue behind its lock: each ends connected or, when the lock stayed
    // busy through its attempts, on the clear Retry page; none stays pending and none fails otherwise.
    expect(
      Object.keys(outcomes).filter((o) => o !== 'connected' && o !== 'CONNECTION_LOCK_BUSY'),
      JSON.stringify(outcomes),
    ).toEqual([]);
    expect(outcomes.connected ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(cluster.sandbox.ims.tokensIssued() - before).toBe(2);
    expect(cluster.sandbox.flowService.connections()).toHaveLength(1);
    for (const instance of [a, b]) {
      const metrics = await instance.services.metrics.registry.metrics();
      expect(metrics).toMatch(/^hac_ims_token_fetches_total 1$/m);
    }
  }, 300_000);
});
