import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HealthState } from '../../src/health/health-state.js';
import { CALLS_PER_ORG, OrgGate } from '../../src/health/org-gate.js';
import { HealthWatch } from '../../src/health/health-watch.js';
import type { JobOptions, JobQueue } from '../../src/jobs/job-queue.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';

describe('the org gate', () => {
  it('lets at most four calls to one org run at once, and other orgs alongside', async () => {
    const gate = new OrgGate(new HealthState(new MemoryStore(), Date.now), Date.now);
    const inFlight = new Map<string, number>();
    const most = new Map<string, number>();
    const call = (org: string) =>
      gate.call(org, async () => {
        inFlight.set(org, (inFlight.get(org) ?? 0) + 1);
        most.set(org, Math.max(most.get(org) ?? 0, inFlight.get(org)!));
        await sleep(20);
        inFlight.set(org, inFlight.get(org)! - 1);
        return { known: true as const, value: org };
      });
    const answers = await Promise.all([...Array.from({ length: 12 }, () => call('a')), ...Array.from({ length: 6 }, () => call('b'))]);
    expect(answers).toHaveLength(18);
    expect(most.get('a')).toBe(CALLS_PER_ORG);
    expect(most.get('b')).toBe(CALLS_PER_ORG);
  });
});

describe('the tick', () => {
  it('queues one job per org per interval, each delayed by the jitter, at most a tenth of the interval', async () => {
    const queued: { name: string; data: unknown; options?: JobOptions }[] = [];
    const jobs = {
      handle: () => undefined,
      enqueue: async (name: string, data: unknown, options?: JobOptions) =>
        void queued.push({ name, data, ...(options ? { options } : {}) }),
    } as unknown as JobQueue;
    const registry = new MemoryRegistry();
    for (const [id, org] of [
      ['c1', 'org-a'],
      ['c2', 'org-a'],
      ['c3', 'org-b'],
    ] as const) {
      await registry.upsert({ id, org, sandbox: 'prod', hubId: 1, at: 0 });
    }
    const randoms = [0, 0.999];
    const intervalMs = 60 * 60 * 1000;
    const watch = new HealthWatch({
      registry,
      jobs,
      intervalMs,
      introspect: false,
      now: () => 5 * intervalMs + 1,
      random: () => randoms.shift() ?? 0.5,
    } as unknown as ConstructorParameters<typeof HealthWatch>[0]);
    await watch.tick();
    expect(queued.map((q) => q.options?.jobId).sort()).toEqual(['health-org:org-a:5', 'health-org:org-b:5']);
    const delays = queued.map((q) => q.options?.delayMs ?? -1).sort((a, b) => a - b);
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBeLessThan(intervalMs * 0.1);
    expect(delays[1]).toBeGreaterThan(intervalMs * 0.099);
  });
});
