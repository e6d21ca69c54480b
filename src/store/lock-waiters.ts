import type { KeyValueStore } from './key-value-store.js';

/**
 * Waiters for a lock in this process, first come first served, per store instance. Releasing a lock wakes the
 * longest waiter here at once instead of leaving everyone to find it free on their next poll: with many
 * callbacks for one portal, 50 ms polls left the lock idle between holders and let some waiters lose the race
 * for seconds. A waiter keeps its place until it gets the lock or gives up. Waiters in other processes (Redis)
 * still find the lock free by polling; this is only a wake-up.
 */
interface Waiter {
  wake: () => void;
}
const queues = new WeakMap<KeyValueStore, Map<string, Waiter[]>>();

export interface LockWaiter {
  /** Resolves when a holder in this process releases the lock and this is the next waiter, or after `pollMs`. */
  wait(pollMs: number): Promise<void>;
  /** Leaves the queue (the lock was taken, or waiting gave up). */
  leave(): void;
}

export function joinWaiters(store: KeyValueStore, key: string): LockWaiter {
  let byKey = queues.get(store);
  if (!byKey) queues.set(store, (byKey = new Map()));
  const queue = byKey.get(key) ?? [];
  byKey.set(key, queue);
  const waiter: Waiter = { wake: () => undefined };
  queue.push(waiter);
  return {
    wait: (pollMs) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        waiter.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    leave() {
      const at = queue.indexOf(waiter);
      if (at >= 0) queue.splice(at, 1);
      if (queue.length === 0 && byKey.get(key) === queue) byKey.delete(key);
    },
  };
}

/** Wakes the longest-waiting waiter for `key` in this process, if any. */
export function wakeNextWaiter(store: KeyValueStore, key: string): void {
  queues.get(store)?.get(key)?.[0]?.wake();
}
