import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../src/jobs/job-queue.js';

/** Polls until `check` holds (jobs on Redis run a few milliseconds after they are queued). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * The behaviour every JobQueue must have, run against InProcessQueue (test/unit) and BullMqQueue
 * (test/integration, real Redis). Handlers see JSON copies, job ids dedupe, failures are retried.
 */
export function jobQueueContract(
  name: string,
  newQueue: () => Promise<JobQueue>,
  /** Two queues sharing one backing store (two instances on one Redis), when the implementation can share. */
  newTwins?: () => Promise<[JobQueue, JobQueue]>,
): void {
  describe(`${name} (JobQueue contract)`, () => {
    const open: JobQueue[] = [];
    const queue = async () => {
      const q = await newQueue();
      open.push(q);
      return q;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
    });

    it('runs a queued job with a copy of its data and tells the handler its id', async () => {
      const q = await queue();
      const seen: { data: unknown; id: string; attempt: number }[] = [];
      q.handle<{ flowId: string }>('complete-flow', async (data, job) => void seen.push({ data, id: job.id, attempt: job.attempt }));
      const data = { flowId: 'f1' };
      await q.enqueue('complete-flow', data, { jobId: 'complete-flow:f1' });
      await eventually(() => seen.length === 1);
      expect(seen[0]).toEqual({ data: { flowId: 'f1' }, id: 'complete-flow:f1', attempt: 1 });
      expect(seen[0]!.data).not.toBe(data);
    });

    it('says a job is queued while it waits for its time, and no longer once a worker has run it; an unknown id is not queued', async () => {
      const q = await queue();
      let runs = 0;
      q.handle('complete-flow', async () => {
        runs += 1;
      });
      await q.enqueue('complete-flow', {}, { jobId: 'complete-flow-f1-1', delayMs: 400 });
      expect(await q.isQueued('complete-flow-f1-1')).toBe(true);
      expect(await q.isQueued('complete-flow-f2-1')).toBe(false);
      await eventually(() => runs === 1);
      await eventually(async () => !(await q.isQueued('complete-flow-f1-1')));
    });

    it('When one job id is queued twice while pending, then it runs once', async () => {
      const q = await queue();
      let runs = 0;
      q.handle('complete-flow', async () => {
        runs += 1;
      });
      await Promise.all([q.enqueue('complete-flow', {}, { jobId: 'flow-1' }), q.enqueue('complete-flow', {}, { jobId: 'flow-1' })]);
      await q.enqueue('complete-flow', {}, { jobId: 'flow-2' });
      await eventually(() => runs === 2);
      await sleep(100);
      expect(runs).toBe(2);
    });

    it('tries a failing job again until its attempts are used up, telling the handler which attempt it is', async () => {
      const q = await queue();
      const attempts: Array<[number, number]> = [];
      // Only noted in the handler: an assertion thrown there would be taken for the job's own failure.
      q.handle('deliver-webhook', async (_d, job) => {
        attempts.push([job.attempt, job.maxAttempts]);
        throw new Error('receiver down');
      });
      await q.enqueue('deliver-webhook', {}, { attempts: 3, backoffMs: 5 });
      await eventually(() => attempts.length === 3);
      await sleep(100);
      expect(attempts).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(await q.depth()).toBe(0);
    });

    it('When a job is delayed, then it counts in the depth and does not run before its time', async () => {
      const q = await queue();
      const ranAt: number[] = [];
      q.handle('later', async () => void ranAt.push(Date.now()));
      const queuedAt = Date.now();
      await q.enqueue('later', {}, { delayMs: 300 });
      expect(await q.depth()).toBe(1);
      await eventually(() => ranAt.length === 1);
      expect(ranAt[0]! - queuedAt).toBeGreaterThanOrEqual(250);
      await eventually(async () => (await q.depth()) === 0);
    });

    it('When a job repeats, then it runs about once per interval, and no more once the schedule is stopped', async () => {
      const q = await queue();
      const runs: number[] = [];
      q.handle<{ what: string }>('tick', async (data) => {
        expect(data).toEqual({ what: 'watch' });
        runs.push(Date.now());
      });
      const started = Date.now();
      await q.repeat('watch', 'tick', { what: 'watch' }, { everyMs: 200 });
      // The same schedule upserted again replaces it instead of adding a second one.
      await q.repeat('watch', 'tick', { what: 'watch' }, { everyMs: 200 });
      await eventually(() => runs.length >= 4, 5_000);
      await q.stopRepeating('watch');
      const elapsed = Date.now() - started;
      expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / 200) + 1);
      const afterStop = runs.length;
      await sleep(600);
      expect(runs.length).toBeLessThanOrEqual(afterStop + 1);
    });

    if (newTwins) {
      it('When two instances set up the same schedule, then each interval runs once, not once per instance', async () => {
        const [a, b] = await newTwins();
        open.push(a, b);
        const runs: string[] = [];
        a.handle('tick', async () => void runs.push('a'));
        b.handle('tick', async () => void runs.push('b'));
        const started = Date.now();
        await Promise.all([a.repeat('watch', 'tick', {}, { everyMs: 250 }), b.repeat('watch', 'tick', {}, { everyMs: 250 })]);
        await sleep(2_600);
        await a.stopRepeating('watch');
        const intervals = Math.floor((Date.now() - started) / 250) + 1;
        expect(runs.length).toBeGreaterThanOrEqual(5);
        expect(runs.length).toBeLessThanOrEqual(intervals);
      });
    }

    it('waits for a running job on close, up to the grace period, then refuses new jobs', async () => {
      const q = await queue();
      let started = false;
      let finished = false;
      q.handle('slow', async () => {
        started = true;
        await sleep(150);
        finished = true;
      });
      await q.enqueue('slow', {});
      await eventually(() => started);
      await q.close(2_000);
      expect(finished).toBe(true);
      await expect(q.enqueue('slow', {})).rejects.toThrow(/closed/);
    });
  });
}
