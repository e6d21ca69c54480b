import { afterEach, describe, expect, it } from 'vitest';
import { QUEUED_LEASE_MS } from '../../src/flows/begin-run.js';
import { flowKey } from '../../src/flows/flow-record.js';
import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { JobOptions } from '../../src/jobs/job-queue.js';
import { DurableMemoryStore } from '../support/durable-store.js';
import { startHarness, type Harness } from '../support/harness.js';

/** A queue whose worker "dies" with the first `lost` jobs it takes: they are never run and never finish. */
class DyingWorkerQueue extends InProcessQueue {
  constructor(public lost: number) {
    super();
  }
  override async enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void> {
    if (this.lost > 0) {
      this.lost -= 1;
      return;
    }
    return super.enqueue(name, data, options);
  }
}

/** A queue under a backlog: completion jobs wait (queued, as the queue says) until the test releases them. */
class HeldQueue extends InProcessQueue {
  readonly held: { name: string; data: unknown; id: string }[] = [];
  override async enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void> {
    if (name !== 'complete-flow') return super.enqueue(name, data, options);
    if (!this.held.some((j) => j.id === options?.jobId)) this.held.push({ name, data, id: options?.jobId ?? '' });
  }
  override async isQueued(jobId: string): Promise<boolean> {
    return this.held.some((j) => j.id === jobId) || super.isQueued(jobId);
  }
  async release(): Promise<void> {
    for (const job of this.held.splice(0)) await super.enqueue(job.name, job.data, { jobId: job.id });
  }
}

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function connectUntilPending(harness: Harness) {
  const browser = harness.browser();
  const { callbackUrl } = await harness.consent(browser);
  const callback = await browser.get(callbackUrl);
  const resultUrl = new URL(callback.headers.get('location')!, harness.url).toString();
  const pending = await (await browser.get(resultUrl)).text();
  return { browser, resultUrl, pending };
}

describe('a worker that died mid-flow', () => {
  it('When the worker running a flow vanished, then after its lease ran out the result page resumes it and it connects', async () => {
    h = await startHarness({ jobs: new DyingWorkerQueue(1) });
    const { browser, resultUrl, pending } = await connectUntilPending(h);
    expect(pending).toContain('http-equiv="refresh"');
    // Still queued as far as anyone can tell: not given up on a short lease.
    h.clock.advance(QUEUED_LEASE_MS - 1_000);
    expect(await (await browser.get(resultUrl)).text()).toContain('http-equiv="refresh"');
    h.clock.advance(2_000);
    const done = await h.followProgress(browser, resultUrl);
    expect(done.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });

  it('When a run outlives its queued lease still waiting in the queue, then the result page leaves it to its turn instead of running it twice', async () => {
    const jobs = new HeldQueue();
    h = await startHarness({ jobs });
    const { browser, resultUrl, pending } = await connectUntilPending(h);
    expect(pending).toContain('http-equiv="refresh"');
    h.clock.advance(QUEUED_LEASE_MS + 60_000);
    expect(await (await browser.get(resultUrl)).text()).toContain('http-equiv="refresh"');
    // Nothing was recovered: one job, of run 1, waits; none of a second run was queued.
    expect(jobs.held.map((j) => j.id)).toEqual([expect.stringMatching(/^complete-flow-.+-1$/)]);
    await jobs.release();
    const done = await h.followProgress(browser, resultUrl);
    expect(done.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });

  it('When the resumed run vanished too, then the flow fails clearly instead of staying pending', async () => {
    h = await startHarness({ jobs: new DyingWorkerQueue(2) });
    const { browser, resultUrl } = await connectUntilPending(h);
    h.clock.advance(QUEUED_LEASE_MS + 1_000);
    expect(await (await browser.get(resultUrl)).text()).toContain('http-equiv="refresh"');
    h.clock.advance(QUEUED_LEASE_MS + 1_000);
    const failed = await browser.get(resultUrl);
    const html = await failed.text();
    expect(failed.status).toBe(503);
    expect(html).toContain('CONNECT_INTERRUPTED');
    // The code was never exchanged, so there is nothing to retry with: the page offers Start again.
    expect(html).toContain('href="/connect"');
    expect(h.sandbox.flowService.connections()).toHaveLength(0);
  });
});

describe('shutdown', () => {
  it('When the service closes while a step outlives the grace period, then the flow fails with a page that offers Retry', async () => {
    // The store outlives the service here, as Redis would, so the page the user sees next can be read.
    const kept = new DurableMemoryStore();
    h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '6000' }, store: kept });
    h.sandbox.flowService.faults.inject({ method: 'POST', path: '/data/foundation/flowservice/connections' }, { delayMs: 4000 });
    const { resultUrl } = await connectUntilPending(h);
    const flowId = decodeURIComponent(new URL(resultUrl).pathname.split('/').at(-1)!);
    await h.services.close({ graceMs: 200 });
    const record = await kept.get<{ status: string; error?: { code: string }; sealed?: unknown }>(flowKey(flowId));
    expect(record?.status).toBe('failed');
    expect(record?.error?.code).toBe('CONNECT_INTERRUPTED');
    expect(record?.sealed).toBeDefined();
  });
});
