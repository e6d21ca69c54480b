import { describe, expect, it } from 'vitest';
import { MemoryEventLog } from '../../src/events/memory-event-log.js';
import { eventLogContract } from '../support/event-log-contract.js';

eventLogContract('MemoryEventLog', async (now) => new MemoryEventLog(now));

describe('MemoryEventLog bounds', () => {
  const append = async (log: MemoryEventLog, id: string, note = '') =>
    log.append('acme', {
      id,
      type: 'connection.created',
      created_at: new Date().toISOString(),
      data: { session_id: 's', sandbox: 'prod', metadata: { note } },
    });
  const ids = async (log: MemoryEventLog) => (await log.list('acme', { limit: 10 }))!.data.map((e) => e.id);

  it('drops the oldest event past its count', async () => {
    const log = new MemoryEventLog(Date.now, 2);
    for (const id of ['evt_1', 'evt_2', 'evt_3']) await append(log, id);
    expect(await ids(log)).toEqual(['evt_3', 'evt_2']);
  });

  it('drops the oldest events past its size, counting delivery attempts too, and always keeps the newest', async () => {
    const log = new MemoryEventLog(Date.now, 100, 1_000);
    await append(log, 'evt_1', 'x'.repeat(300));
    await append(log, 'evt_2', 'x'.repeat(300));
    for (let i = 0; i < 10; i += 1) await log.recordDelivery('evt_2', { at: new Date().toISOString(), status: 503 });
    await append(log, 'evt_3', 'x'.repeat(300));
    expect(await ids(log)).toEqual(['evt_3']);
    await append(log, 'evt_4', 'x'.repeat(5_000));
    expect(await ids(log)).toEqual(['evt_4']);
  });
});
