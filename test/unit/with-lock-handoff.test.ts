import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { withLock } from '../../src/store/with-lock.js';

/** Polls far apart, so that only the hand-off on release can explain a prompt turn. */
const SLOW_POLL = { ttlMs: 60_000, waitMs: 30_000, pollMs: 20_000 };

describe('withLock hand-off within one process', () => {
  it('When the holder releases the lock, then the waiter takes it at once instead of at its next poll', async () => {
    const store = new MemoryStore();
    let release!: () => void;
    const held = withLock(store, 'lock:p', SLOW_POLL, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    let releasedAt = 0;
    const waiter = withLock(store, 'lock:p', SLOW_POLL, async () => Date.now() - releasedAt);
    await new Promise((resolve) => setTimeout(resolve, 20));
    releasedAt = Date.now();
    release();
    await held;
    // Generous against load, yet far below the 20 s poll.
    expect(await waiter).toBeLessThan(5_000);
    await store.close();
  });

  it('When several wait, then they get the lock in the order they asked for it, and never two at once', async () => {
    const store = new MemoryStore();
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const section = (name: string) => async () => {
      inside += 1;
      most = Math.max(most, inside);
      order.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside -= 1;
    };
    const runs: Promise<void>[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      runs.push(withLock(store, 'lock:q', SLOW_POLL, section(name)));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(runs);
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(1);
    await store.close();
  });

  it('When a waiter gives up, then it leaves the queue and the next one still gets the lock on release', async () => {
    const store = new MemoryStore();
    let release!: () => void;
    const held = withLock(store, 'lock:r', SLOW_POLL, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const impatient = withLock(store, 'lock:r', { ttlMs: 60_000, waitMs: 30, pollMs: 50 }, async () => 'never');
    const patient = withLock(store, 'lock:r', SLOW_POLL, async () => 'mine');
    await expect(impatient).rejects.toMatchObject({ code: 'CONNECTION_LOCK_BUSY' });
    release();
    await held;
    expect(await patient).toBe('mine');
    await store.close();
  });
  it('When the holder is in this process, then its waiters wait for its release instead of polling the store', async () => {
    const store = new MemoryStore();
    let attempts = 0;
    const setIfAbsent = store.setIfAbsent.bind(store);
    store.setIfAbsent = (key, value, ttlMs) => {
      attempts += 1;
      return setIfAbsent(key, value, ttlMs);
    };
    const quickPoll = { ttlMs: 60_000, waitMs: 30_000, pollMs: 10 };
    const held = withLock(store, 'lock:s', quickPoll, () => new Promise((resolve) => setTimeout(resolve, 300)));
    const waiters = [1, 2, 3].map(() => withLock(store, 'lock:s', quickPoll, async () => undefined));
    await Promise.all([held, ...waiters]);
    // The holder tries once; each waiter on arrival, maybe once more before it sees the holder is local, and when
    // handed the lock. Polling every 10 ms through a 300 ms hold would make about 90.
    expect(attempts).toBeLessThanOrEqual(12);
    await store.close();
  });
});
