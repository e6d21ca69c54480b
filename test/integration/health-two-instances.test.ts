import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { deepFreeze } from '../../src/config/config.js';
import { buildHealth } from '../../src/health/build-health.js';
import { BullMqQueue } from '../../src/jobs/bullmq-queue.js';
import { registerJobs } from '../../src/jobs/job-table.js';
import { bullConnection } from '../../src/jobs/redis-connection.js';
import { createLogger } from '../../src/logging/logger.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { RedisStore, type RedisClient } from '../../src/store/redis-store.js';
import { countingUpstreams } from '../support/counting-upstreams.js';
import { connectedClient, deleteKeys, randomPrefix, REDIS_URL } from '../support/redis.js';

const ORG = 'ACME0DEMO0000000000000A1@AdobeOrg';
/** A 400 ms interval instead of an hour: the schedule, not the clock, is what is under test here. */
const INTERVAL_MS = 400;

describe('health watch on two instances sharing Redis', () => {
  const prefix = randomPrefix('health-two');
  let client: RedisClient;
  beforeAll(async () => {
    client = await connectedClient();
  });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.close();
  });

  it('runs each check once per interval, not once per instance (the calls to Adobe are counted)', async () => {
    const loaded = loadConfig({});
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const config = deepFreeze({ ...loaded.config, health: { ...loaded.config.health, intervalMinutes: INTERVAL_MS / 60_000 } });
    const registry = new MemoryRegistry();
    for (let i = 0; i < 20; i += 1) {
      await registry.upsert({ id: `conn-${i}`, org: ORG, sandbox: `sandbox-${i % 2}`, hubId: 1000 + i, at: Date.now() });
      await registry.update(`conn-${i}`, { dataflow: { flowId: `flow-${i}` }, at: Date.now() });
    }
    const upstreams = countingUpstreams(Date.now);
    const instance = () => {
      const jobs = new BullMqQueue({ connection: bullConnection(REDIS_URL), prefix: `${prefix}jobs`, queueName: 'jobs' });
      const health = buildHealth({
        config,
        logger: createLogger('silent'),
        store: new RedisStore(client, { prefix }),
        jobs,
        adobe: upstreams.adobe,
        registry,
        send: async () => true,
        createSession: async () => ({ sessionId: 's', url: 'http://localhost/s', expiresAt: Date.now() }),
        now: Date.now,
        random: () => 0,
      });
      registerJobs(jobs, [health.jobs]);
      return { jobs, health };
    };
    const [a, b] = [instance(), instance()];
    const started = Date.now();
    await Promise.all([a.health.start(), b.health.start()]);
    await new Promise((resolve) => setTimeout(resolve, 10 * INTERVAL_MS));
    await a.health.watch.stop();
    const intervals = Math.ceil((Date.now() - started) / INTERVAL_MS) + 1;
    await Promise.all([a.jobs.close(1_000), b.jobs.close(1_000)]);

    const flowsLists = [...upstreams.calls.values()].reduce((n, bucket) => n + (bucket['flows'] ?? 0), 0);
    const tests = [...upstreams.calls.values()].reduce((n, bucket) => n + (bucket['test'] ?? 0), 0);
    // Two sandboxes: two lists per interval, whichever instance ran the tick; once per instance would be four.
    expect(flowsLists).toBeGreaterThanOrEqual(2 * 5);
    expect(flowsLists).toBeLessThanOrEqual(2 * intervals);
    // Tests are spread over six hours: one connection's turn per tick here, so one test per tick, not two.
    expect(tests).toBe(flowsLists / 2);
  });
});
