import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { withLock } from '../../src/store/with-lock.js';

/**
 * The behaviour every KeyValueStore must have, run against MemoryStore (test/unit) and RedisStore
 * (test/integration, real Redis). TTLs use the real clock with short lifetimes so both run the same code.
 */
export function keyValueStoreContract(name: string, newStore: () => Promise<KeyValueStore>): void {
  describe(`${name} (KeyValueStore contract)`, () => {
    const open: KeyValueStore[] = [];
    const store = async () => {
      const s = await newStore();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('returns what was set as a copy, and undefined for an unknown key', async () => {
      const s = await store();
      const value = { a: 1, list: ['x'] };
      await s.set('k', value, 10_000);
      value.list.push('changed after set');
      const read = await s.get<typeof value>('k');
      expect(read).toEqual({ a: 1, list: ['x'] });
      expect(await s.get('missing')).toBeUndefined();
    });

    it('When a value read is changed, then the next read still returns what was set, a "__proto__" key included', async () => {
      const s = await store();
      await s.set('k', JSON.parse('{"a":1,"nested":{"list":["x"]},"__proto__":{"polluted":true}}'), 10_000);
      const first = await s.get<{ a: number; nested: { list: string[] } }>('k');
      first!.a = 2;
      first!.nested.list.push('changed after get');
      const second = await s.get<Record<string, unknown>>('k');
      expect(second).toEqual(JSON.parse('{"a":1,"nested":{"list":["x"]},"__proto__":{"polluted":true}}'));
      expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
      expect(Object.keys(second!)).toContain('__proto__');
    });

    it('When a key is set again, then the new value replaces the old one', async () => {
      const s = await store();
      await s.set('k', 'first', 10_000);
      await s.set('k', 'second', 10_000);
      expect(await s.get('k')).toBe('second');
    });

    it('When its TTL has passed, then a key is gone, whichever way it was written', async () => {
      const s = await store();
      await s.set('short', 'v', 60);
      expect(await s.setIfAbsent('claim', 'v', 60)).toBe(true);
      await s.set('long', 'v', 10_000);
      expect(await s.get('short')).toBe('v');
      await sleep(150);
      expect(await s.get('short')).toBeUndefined();
      expect(await s.get('claim')).toBeUndefined();
      expect(await s.get('long')).toBe('v');
      expect(await s.setIfAbsent('claim', 'again', 10_000)).toBe(true);
    });

    it('When twenty callers race on setIfAbsent, then exactly one wins and its value stays', async () => {
      const s = await store();
      const wins = await Promise.all(Array.from({ length: 20 }, (_, i) => s.setIfAbsent('race', `caller-${i}`, 10_000)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await s.get('race')).toBe(`caller-${wins.indexOf(true)}`);
    });

    it('deleteIfEquals deletes only while the key holds the expected value', async () => {
      const s = await store();
      await s.set('lease', 'owner-a', 10_000);
      expect(await s.deleteIfEquals('lease', 'owner-b')).toBe(false);
      expect(await s.get('lease')).toBe('owner-a');
      expect(await s.deleteIfEquals('lease', 'owner-a')).toBe(true);
      expect(await s.get('lease')).toBeUndefined();
      expect(await s.deleteIfEquals('lease', 'owner-a')).toBe(false);
    });

    it('delete removes a key, and ping answers while the store is up', async () => {
      const s = await store();
      await s.set('k', 1, 10_000);
      await s.delete('k');
      expect(await s.get('k')).toBeUndefined();
      expect(await s.ping()).toBe(true);
    });

    it('When two holders want one lock, then their critical sections never overlap', async () => {
      const s = await store();
      const events: string[] = [];
      const section = (who: string) => async () => {
        events.push(`${who} in`);
        await sleep(40);
        events.push(`${who} out`);
      };
      const lock = { ttlMs: 5_000, waitMs: 3_000, pollMs: 10 };
      await Promise.all([withLock(s, 'lock:x', lock, section('a')), withLock(s, 'lock:x', lock, section('b'))]);
      expect(events).toHaveLength(4);
      expect(events[0]!.split(' ')[0]).toBe(events[1]!.split(' ')[0]);
      expect(await s.get('lock:x')).toBeUndefined();
    });

    it('When a lease lapsed and another holder took it, then the first holder learns it lost the lease and neither renews nor releases it', async () => {
      const s = await store();
      let lost = false;
      await withLock(s, 'lock:y', { ttlMs: 90, waitMs: 1_000 }, async ({ signal }) => {
        // As if this holder froze past its TTL: the lease lapses and someone else takes the lock.
        await s.delete('lock:y');
        expect(await s.setIfAbsent('lock:y', 'second-holder', 10_000)).toBe(true);
        await sleep(150);
        lost = signal.aborted;
      });
      expect(lost).toBe(true);
      expect(await s.get('lock:y')).toBe('second-holder');
    });

    it('When the holder outlives the TTL, then the lease is renewed and no one else gets the lock meanwhile', async () => {
      const s = await store();
      let aborted = true;
      // Renewed every 200 ms: a loaded machine may delay a renewal by a few event-loop turns, never by 600 ms.
      await withLock(s, 'lock:z', { ttlMs: 600, waitMs: 1_000, pollMs: 10 }, async ({ signal }) => {
        await sleep(1_500);
        expect(await s.setIfAbsent('lock:z', 'intruder', 10_000)).toBe(false);
        aborted = signal.aborted;
      });
      expect(aborted).toBe(false);
      expect(await s.get('lock:z')).toBeUndefined();
    });

    it('extends a key only while it holds the expected value', async () => {
      const s = await store();
      await s.set('lease', 'me', 100);
      expect(await s.extendIfEquals('lease', 'someone-else', 10_000)).toBe(false);
      expect(await s.extendIfEquals('lease', 'me', 10_000)).toBe(true);
      await sleep(200);
      expect(await s.get('lease')).toBe('me');
      expect(await s.extendIfEquals('absent', 'me', 10_000)).toBe(false);
      expect(await s.get('absent')).toBeUndefined();
    });
  });
}
