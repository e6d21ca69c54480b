import { describe, expect, it } from 'vitest';
import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import { registerJobs } from '../../src/jobs/job-table.js';
import { createLogger } from '../../src/logging/logger.js';

describe('registerJobs', () => {
  it('puts every table on the queue, so a job of any part runs', async () => {
    const queue = new InProcessQueue({ logger: createLogger('silent') });
    const ran: string[] = [];
    registerJobs(queue, [{ a: async (data: { n: number }) => void ran.push(`a${data.n}`) }, { b: async () => void ran.push('b') }]);
    await queue.enqueue('a', { n: 1 });
    await queue.enqueue('b', {});
    await expect.poll(() => ran.sort()).toEqual(['a1', 'b']);
    await queue.close(1_000);
  });

  it('refuses two parts declaring one job name before registering any, so the queue is left untouched', async () => {
    const queue = new InProcessQueue({ logger: createLogger('silent') });
    const handler = async () => undefined;
    expect(() => registerJobs(queue, [{ a: handler, b: handler }, { b: handler }])).toThrow(/two parts declare the job b/);
    // Nothing was registered: the first table's names are still free.
    expect(() => registerJobs(queue, [{ a: handler, b: handler }])).not.toThrow();
    await queue.close(1_000);
  });
});
