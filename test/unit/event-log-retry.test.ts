import { afterEach, describe, expect, it } from 'vitest';
import { MemoryEventLog } from '../../src/events/memory-event-log.js';
import { InProcessQueue } from '../../src/jobs/in-process-queue.js';
import { registerJobs } from '../../src/jobs/job-table.js';
import { createLogger } from '../../src/logging/logger.js';
import { EventLogRetry } from '../../src/partners/event-log-retry.js';
import type { WebhookEvent } from '../../src/partners/webhook-event.js';
import { eventLogOutage } from '../support/event-log-outage.js';
import { eventually } from '../support/job-queue-contract.js';

const event: WebhookEvent = {
  id: 'evt_1',
  type: 'connection.created',
  created_at: '2026-01-01T00:00:00.000Z',
  data: { session_id: 'cs_1', sandbox: 'prod', connection_id: 'conn-1' },
};

describe('EventLogRetry', () => {
  const queues: InProcessQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });

  function retry(send: (partnerId: string, e: WebhookEvent) => Promise<void>) {
    const outage = eventLogOutage();
    const log = new MemoryEventLog();
    const jobs = new InProcessQueue();
    queues.push(jobs);
    const eventLog = outage.wrap(log);
    const retrier = new EventLogRetry({ eventLog, jobs, logger: createLogger('silent'), send, schedule: { attempts: 8, backoffMs: 10 } });
    registerJobs(jobs, [retrier.jobs]);
    return { outage, log, jobs, retrier };
  }

  it('When the same event is queued twice while the log is down, then it is logged and sent once, with its id, when the log is back', async () => {
    const sent: string[] = [];
    const { outage, log, jobs, retrier } = retry(async (_partnerId, e) => void sent.push(e.id));
    await retrier.queue('acme', event, new Error('down'));
    await retrier.queue('acme', event, new Error('down'));
    expect(await jobs.depth()).toBe(1);
    await eventually(() => outage.refused >= 2);
    expect(sent).toEqual([]);
    outage.down = false;
    await eventually(() => sent.length > 0);
    expect(sent).toEqual(['evt_1']);
    expect(outage.appended).toEqual(['evt_1']);
    expect(await log.get('acme', 'evt_1')).toEqual({ ...event, deliveries: [] });
  });

  it('When the webhook cannot be queued after the event is logged, then the next attempt sends it and the log keeps one event', async () => {
    const sends: string[] = [];
    const { outage, log, retrier } = retry(async (_partnerId, e) => {
      sends.push(e.id);
      if (sends.length === 1) throw new Error('queue unavailable');
    });
    outage.down = false;
    await retrier.queue('acme', event, new Error('down'));
    await eventually(() => sends.length === 2);
    expect((await log.list('acme', { limit: 10 }))!.data.map((e) => e.id)).toEqual(['evt_1']);
  });
});
