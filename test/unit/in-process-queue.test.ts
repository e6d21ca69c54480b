import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessQueue, backoffDelay } from '../../src/jobs/in-process-queue.js';

describe('In-process job queue', () => {
  let queue: InProcessQueue;
  afterEach(() => queue.close());

  it('runs a queued job with a copy of its data', async () => {
    queue = new InProcessQueue();
    const data = { flowId: 'f1' };
    const seen: unknown[] = [];
    queue.handle<{ flowId: string }>('complete', async (d) => void seen.push(d));
    await queue.enqueue('complete', data);
    await sleep(20);
    expect(seen).toEqual([{ flowId: 'f1' }]);
    expect(seen[0]).not.toBe(data);
  });

  it('queues a job id only once while it is pending', async () => {
    queue = new InProcessQueue();
    let runs = 0;
    queue.handle('complete', async () => {
      runs += 1;
    });
    await Promise.all([queue.enqueue('complete', {}, { jobId: 'flow-1' }), queue.enqueue('complete', {}, { jobId: 'flow-1' })]);
    await sleep(20);
    expect(runs).toBe(1);
  });

  it('tries a failing job again until its attempts are used up, telling the handler which attempt it is', async () => {
    queue = new InProcessQueue();
    const attempts: number[] = [];
    queue.handle('deliver', async (_d, job) => {
      attempts.push(job.attempt);
      throw new Error('receiver down');
    });
    await queue.enqueue('deliver', {}, { attempts: 3, backoffMs: 5 });
    await sleep(150);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await queue.depth()).toBe(0);
  });

  it('waits for running jobs on close, up to the grace period', async () => {
    queue = new InProcessQueue();
    let finished = false;
    queue.handle('slow', async () => {
      await sleep(50);
      finished = true;
    });
    await queue.enqueue('slow', {});
    await sleep(5);
    await queue.close(1_000);
    expect(finished).toBe(true);
    await expect(queue.enqueue('slow', {})).rejects.toThrow(/closed/);
  });

  it('backs off exponentially with jitter, never below half the step', () => {
    for (let i = 0; i < 50; i += 1) {
      const d = backoffDelay(1_000, 3);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });
});
