import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { buildHealth } from '../../src/health/build-health.js';
import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import { createLogger } from '../../src/logging/logger.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { countingUpstreams } from '../support/counting-upstreams.js';

const HOUR_MS = 60 * 60 * 1000;
const ORG = 'ACME0DEMO0000000000000A1@AdobeOrg';

async function watchOf(connections: number, sandboxes: number, failing: ReadonlySet<string> = new Set()) {
  let clock = Date.UTC(2026, 0, 1);
  const now = () => clock;
  const loaded = loadConfig({ HEALTH_WATCH_RETAIN_REFRESH_TOKEN: 'true' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const registry = new MemoryRegistry();
  for (let i = 0; i < connections; i += 1) {
    const id = `conn-${i}`;
    await registry.upsert({ id, org: ORG, sandbox: `sandbox-${i % sandboxes}`, hubId: 1000 + i, at: clock });
    await registry.update(id, { dataflow: { flowId: `flow-${i}` }, at: clock });
  }
  const upstreams = countingUpstreams(now, failing);
  const health = buildHealth({
    config: loaded.config,
    logger: createLogger('silent'),
    store: new MemoryStore({ now, maxEntries: 100_000 }),
    jobs: new InProcessQueue(),
    adobe: upstreams.adobe,
    registry,
    send: async () => true,
    createSession: async () => ({ sessionId: 's', url: 'http://localhost/s', expiresAt: clock }),
    grant: upstreams.grant,
    now,
  });
  const runHours = async (hours: number) => {
    for (let h = 0; h < hours; h += 1) {
      clock += HOUR_MS;
      await health.watch.checkOrg(ORG);
    }
  };
  return { ...upstreams, runHours, registry };
}

describe('health watch budget: 1,000 connections in 10 sandboxes, hourly interval, refresh tokens retained', () => {
  // Per hour: 10 flows lists (one per sandbox, 100 flows each) + ⌈1000/6⌉ = 167 tests + ⌈1000/24⌉ = 42 introspections.
  const BUDGET = 10 + 167 + 42;

  it(`stays at or under ${BUDGET} calls in every hour of two days, each connection tested every 6 h and introspected daily`, async () => {
    const watch = await watchOf(1000, 10);
    await watch.runHours(48);
    const perHour = watch.perHour();
    expect(perHour).toHaveLength(48);
    expect(Math.max(...perHour)).toBeLessThanOrEqual(BUDGET);
    const totals = [...watch.calls.values()].reduce<Record<string, number>>((sum, bucket) => {
      for (const [kind, n] of Object.entries(bucket)) sum[kind] = (sum[kind] ?? 0) + n;
      return sum;
    }, {});
    // Two days: 480 flows lists; every connection tested 8 times and introspected twice, no more.
    expect(totals).toEqual({ flows: 480, test: 8000, introspect: 2000 });
    expect((await watch.registry.countByStatus()).active).toBe(1000);
  });

  it('adds two calls an hour (the run read and an early test) for each connection whose run newly fails', async () => {
    const failing = new Set(['flow-1', 'flow-2', 'flow-3', 'flow-4', 'flow-5']);
    const watch = await watchOf(1000, 10, failing);
    await watch.runHours(24);
    expect(Math.max(...watch.perHour())).toBeLessThanOrEqual(BUDGET + 2 * failing.size);
    expect((await watch.registry.countByStatus()).error).toBe(failing.size);
  });
});
