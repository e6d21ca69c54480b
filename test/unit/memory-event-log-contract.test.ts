import { describe, expect, it } from 'vitest';
import { MemoryEventLog } from '../../src/events/memory-event-log.js';
import { eventLogContract } from '../support/event-log-contract.js';

eventLogContract('MemoryEventLog', async (now) => new MemoryEventLog(now));

describe('MemoryEventLog bounds', () => {
  it('drops the oldest event past its capacity', async () => {
    const log = new MemoryEventLog(Date.now, 2);
    for (const id of ['evt_1', 'evt_2', 'evt_3'])
      await log.append('acme', {
        id,
        type: 'connection.created',
        created_at: new Date().toISOString(),
        data: { session_id: 's', sandbox: 'prod' },
      });
    expect((await log.list('acme', { limit: 10 }))!.data.map((e) => e.id)).toEqual(['evt_3', 'evt_2']);
  });
});
