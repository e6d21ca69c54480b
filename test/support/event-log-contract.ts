import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_RETENTION_MS, type EventLog } from '../../src/events/event-log.js';
import type { SessionEventData, SessionEventType, WebhookEvent } from '../../src/partners/webhook-event.js';
import { TestClock } from './harness.js';

const event = (type: SessionEventType = 'connection.created', data: Partial<SessionEventData> = {}): WebhookEvent => ({
  id: `evt_${randomUUID()}`,
  type,
  created_at: new Date().toISOString(),
  data: { session_id: randomUUID(), sandbox: 'prod', ...data },
});

/**
 * The behaviour every EventLog must have, run against MemoryEventLog (test/unit) and the PostgreSQL one
 * (test/integration, real server). The clock is the test's, so retention is checked without waiting a month.
 */
export function eventLogContract(name: string, newLog: (now: () => number) => Promise<EventLog>): void {
  describe(`${name} (EventLog contract)`, () => {
    const open: EventLog[] = [];
    const start = async () => {
      const clock = new TestClock();
      const log = await newLog(clock.now);
      open.push(log);
      return { log, clock };
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((l) => l.close()));
    });
    /** Appends `count` events for `partnerId`, oldest first, and returns them. */
    const appendMany = async (log: EventLog, partnerId: string, count: number, type?: SessionEventType) => {
      const events: WebhookEvent[] = [];
      for (let i = 0; i < count; i += 1) {
        const e = event(type, { partner_user_id: `u-${i}`, metadata: { n: String(i) } });
        await log.append(partnerId, e);
        events.push(e);
      }
      return events;
    };

    it('gives back an appended event with its data and no deliveries, only to its own partner', async () => {
      const { log } = await start();
      const [e] = await appendMany(log, 'acme', 1);
      expect(await log.get('acme', e!.id)).toEqual({ ...e, deliveries: [] });
      expect(await log.get('globex', e!.id)).toBeUndefined();
      expect(await log.get('acme', 'evt_missing')).toBeUndefined();
    });

    it('records delivery attempts in order, and ignores attempts on an unknown event', async () => {
      const { log } = await start();
      const [e] = await appendMany(log, 'acme', 1);
      const attempts = [
        { at: '2026-11-30T10:00:00.000Z', status: 503 },
        { at: '2026-11-30T10:00:05.000Z', status: 'timeout' as const },
        { at: '2026-11-30T10:00:35.000Z', status: 200 },
      ];
      for (const a of attempts) await log.recordDelivery(e!.id, a);
      await log.recordDelivery('evt_missing', attempts[0]!);
      expect((await log.get('acme', e!.id))?.deliveries).toEqual(attempts);
    });

    it('keeps the first append of an id: appending it again changes neither its data, its deliveries nor its place', async () => {
      const { log } = await start();
      const [first, second] = await appendMany(log, 'acme', 2);
      await log.recordDelivery(first!.id, { at: '2026-11-30T10:00:00.000Z', status: 204 });
      await log.append('acme', { ...first!, created_at: '2026-12-01T00:00:00.000Z' });
      expect(await log.get('acme', first!.id)).toEqual({ ...first, deliveries: [{ at: '2026-11-30T10:00:00.000Z', status: 204 }] });
      expect((await log.list('acme', { limit: 10 }))!.data.map((e) => e.id)).toEqual([second!.id, first!.id]);
    });

    it('lists newest first, page by page with starting_after, without a repeat or a gap, and only the partner’s own', async () => {
      const { log } = await start();
      const mine = await appendMany(log, 'acme', 7);
      await appendMany(log, 'globex', 3);
      const seen: string[] = [];
      let page = await log.list('acme', { limit: 3 });
      for (;;) {
        seen.push(...page!.data.map((e) => e.id));
        if (!page!.hasMore) break;
        page = await log.list('acme', { limit: 3, startingAfter: seen.at(-1)! });
      }
      expect(seen).toEqual(mine.map((e) => e.id).reverse());
      expect((await log.list('globex', { limit: 100 }))!.data).toHaveLength(3);
    });

    it('says there is no more when the last page is exactly full', async () => {
      const { log } = await start();
      await appendMany(log, 'acme', 4);
      const first = await log.list('acme', { limit: 2 });
      const second = await log.list('acme', { limit: 2, startingAfter: first!.data[1]!.id });
      expect([first!.hasMore, second!.hasMore]).toEqual([true, false]);
      expect(second!.data).toHaveLength(2);
    });

    it('filters by type, and a cursor of another type still marks the place', async () => {
      const { log } = await start();
      const created = await appendMany(log, 'acme', 2, 'connection.created');
      const failed = await appendMany(log, 'acme', 2, 'connection.failed');
      const page = await log.list('acme', { limit: 10, type: 'connection.created' });
      expect(page!.data.map((e) => e.id)).toEqual(created.map((e) => e.id).reverse());
      const after = await log.list('acme', { limit: 10, type: 'connection.created', startingAfter: failed[0]!.id });
      expect(after!.data.map((e) => e.id)).toEqual(created.map((e) => e.id).reverse());
    });

    it('refuses a cursor that is unknown or another partner’s', async () => {
      const { log } = await start();
      const [theirs] = await appendMany(log, 'globex', 1);
      await appendMany(log, 'acme', 1);
      expect(await log.list('acme', { limit: 10, startingAfter: 'evt_missing' })).toBeUndefined();
      expect(await log.list('acme', { limit: 10, startingAfter: theirs!.id })).toBeUndefined();
    });

    it('keeps events 30 days, then neither lists nor gives them back', async () => {
      const { log, clock } = await start();
      const [old] = await appendMany(log, 'acme', 1);
      clock.advance(EVENT_RETENTION_MS - 60_000);
      const [recent] = await appendMany(log, 'acme', 1);
      expect((await log.list('acme', { limit: 10 }))!.data).toHaveLength(2);
      clock.advance(120_000);
      expect(await log.get('acme', old!.id)).toBeUndefined();
      expect((await log.list('acme', { limit: 10 }))!.data.map((e) => e.id)).toEqual([recent!.id]);
    });
  });
}
