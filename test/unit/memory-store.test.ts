import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';

let clock = 0;
const stores: MemoryStore[] = [];

function newStore(): MemoryStore {
  clock = 1_000_000;
  const store = new MemoryStore({ now: () => clock });
  stores.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('MemoryStore', () => {
  it('returns what was set, and undefined for an unknown key', async () => {
    const store = newStore();
    await store.set('k', { a: 1, list: ['x'] }, 1000);
    expect(await store.get('k')).toEqual({ a: 1, list: ['x'] });
    expect(await store.get('other')).toBeUndefined();
  });

  it('When the TTL has passed on the injected clock, then the entry is gone', async () => {
    const store = newStore();
    await store.set('k', 'v', 1000);
    clock += 999;
    expect(await store.get('k')).toBe('v');
    clock += 1;
    expect(await store.get('k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('set replaces the value and restarts the TTL', async () => {
    const store = newStore();
    await store.set('k', 'first', 1000);
    clock += 800;
    await store.set('k', 'second', 1000);
    clock += 800;
    expect(await store.get('k')).toBe('second');
  });

  it('setIfAbsent stores only when the key is absent and reports whether it did', async () => {
    const store = newStore();
    expect(await store.setIfAbsent('claim', 'first', 1000)).toBe(true);
    expect(await store.setIfAbsent('claim', 'second', 1000)).toBe(false);
    expect(await store.get('claim')).toBe('first');
  });

  it('When the previous entry has expired, then setIfAbsent stores again', async () => {
    const store = newStore();
    await store.setIfAbsent('claim', 'first', 1000);
    clock += 1000;
    expect(await store.setIfAbsent('claim', 'second', 1000)).toBe(true);
    expect(await store.get('claim')).toBe('second');
  });

  it('When concurrent setIfAbsent calls race for one key, then exactly one wins', async () => {
    const store = newStore();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.setIfAbsent('claim', i, 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('stores a copy: mutating the object passed to set does not change the store', async () => {
    const store = newStore();
    const value = { status: 'started', nested: { n: 1 } };
    await store.set('k', value, 1000);
    value.status = 'failed';
    value.nested.n = 2;
    expect(await store.get('k')).toEqual({ status: 'started', nested: { n: 1 } });
  });

  it('returns copies: mutating a returned object does not change the store', async () => {
    const store = newStore();
    await store.set('k', { status: 'started', nested: { n: 1 } }, 1000);
    const first = await store.get<{ status: string; nested: { n: number } }>('k');
    if (!first) throw new Error('missing');
    first.status = 'failed';
    first.nested.n = 2;
    expect(await store.get('k')).toEqual({ status: 'started', nested: { n: 1 } });
  });

  it('delete removes the entry', async () => {
    const store = newStore();
    await store.set('k', 'v', 1000);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.setIfAbsent('k', 'again', 1000)).toBe(true);
  });

  it('size counts only live entries', async () => {
    const store = newStore();
    await store.set('short', 1, 100);
    await store.set('long', 2, 1000);
    expect(store.size).toBe(2);
    clock += 100;
    expect(store.size).toBe(1);
  });

  it('close empties the store', async () => {
    const store = newStore();
    await store.set('k', 'v', 1000);
    await store.close();
    expect(await store.get('k')).toBeUndefined();
  });

  it('When the entry cap is reached, then a new key is refused with STORE_FULL and nothing held is dropped', async () => {
    const store = new MemoryStore({ now: () => clock, maxEntries: 3 });
    stores.push(store);
    for (const key of ['a', 'b', 'c']) await store.set(key, key, 60_000);
    await expect(store.set('d', 'd', 60_000)).rejects.toMatchObject({ code: 'STORE_FULL', status: 503 });
    await expect(store.setIfAbsent('e', 'e', 60_000)).rejects.toMatchObject({ code: 'STORE_FULL' });
    expect(store.size).toBe(3);
    expect([await store.get('a'), await store.get('b'), await store.get('c'), await store.get('d')]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('When the store is full, then rewriting a key it holds still succeeds (a flow under way can finish)', async () => {
    const store = new MemoryStore({ now: () => clock, maxEntries: 2 });
    stores.push(store);
    await store.set('flow:1', { status: 'running' }, 60_000);
    await store.set('flow:2', { status: 'running' }, 60_000);
    await store.set('flow:1', { status: 'connected' }, 60_000);
    expect(await store.get('flow:1')).toEqual({ status: 'connected' });
  });

  it('When entries have expired, then a full store makes room from them only', async () => {
    clock = 1_000_000;
    const store = new MemoryStore({ now: () => clock, maxEntries: 2 });
    stores.push(store);
    await store.set('short', 1, 100);
    await store.set('long', 2, 60_000);
    clock += 2_000;
    await store.set('new', 3, 60_000);
    expect([await store.get('short'), await store.get('long'), await store.get('new')]).toEqual([undefined, 2, 3]);
  });

  it('refuses a value (one session or record) larger than its per-value cap', async () => {
    const store = new MemoryStore({ maxValueBytes: 100 });
    stores.push(store);
    await expect(store.set('session:big', { data: 'x'.repeat(200) }, 1000)).rejects.toThrow(/larger than 100 bytes/);
    await store.set('session:small', { data: 'x'.repeat(50) }, 1000);
    expect(store.size).toBe(1);
  });

  it('When the bytes held reach the budget, then a new key is refused with STORE_FULL, while a key it holds may still be rewritten', async () => {
    // Each value below is 1,002 bytes of JSON ("x…x" with its quotes).
    const value = 'x'.repeat(1_000);
    const store = new MemoryStore({ now: () => clock, maxTotalBytes: 3_000 });
    stores.push(store);
    await store.set('a', value, 60_000);
    await store.set('b', value, 60_000);
    expect(store.bytes).toBe(2_004);
    await expect(store.set('c', value, 60_000)).rejects.toMatchObject({ code: 'STORE_FULL', status: 503 });
    await expect(store.setIfAbsent('c', value, 60_000)).rejects.toMatchObject({ code: 'STORE_FULL' });
    await store.set('a', `${value}yy`, 60_000);
    expect(store.bytes).toBe(2_006);
    expect(await store.get('c')).toBeUndefined();
  });

  it('gives bytes back when an entry is deleted, released or expires, so new keys fit again', async () => {
    clock = 1_000_000;
    const value = 'x'.repeat(1_000);
    const store = new MemoryStore({ now: () => clock, maxTotalBytes: 2_100 });
    stores.push(store);
    await store.set('deleted', value, 60_000);
    await store.set('lock', 'owner-1', 60_000);
    await store.delete('deleted');
    expect(await store.deleteIfEquals('lock', 'owner-1')).toBe(true);
    expect(store.bytes).toBe(0);
    await store.set('short', value, 100);
    await store.set('long', value, 60_000);
    await expect(store.set('third', value, 60_000)).rejects.toMatchObject({ code: 'STORE_FULL' });
    clock += 2_000;
    await store.set('third', value, 60_000);
    expect([await store.get('short'), await store.get('third')]).toEqual([undefined, value]);
    expect(store.bytes).toBe(2_004);
  });
});
