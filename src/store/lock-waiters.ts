import type { KeyValueStore } from './key-value-store.js';

/**
 * Waiters for a lock in this process, first come first served, per store instance. Releasing a lock wakes the
 * longest waiter here at once instead of leaving everyone to find it free on their next poll: with many
 * callbacks for one portal, 50 ms polls left the lock idle between holders and let some waiters lose the race
 * for seconds. A waiter keeps its place until it gets the lock or gives up. While the holder is in this process,
 * waiters only wait for that wake-up (no polling churn); while it is in another (Redis), they poll as before.
 */
interface Waiter {
  wake: () => void;
}
const queues = new WeakMap<KeyValueStore, Map<string, Waiter[]>>();
/** Locks held by this process now: their release wakes a waiter here, so waiting on them needs no quick polls. */
const heldHere = new WeakMap<KeyValueStore, Set<string>>();
/** A safety net only, should a local release fail to reach the store (the lock then lapses by its TTL). */
const LOCAL_HOLDER_POLL_MS = 1_000;

/** Records that this process took `key` (true) or released it (false). */
export function markHeld(store: KeyValueStore, key: string, held: boolean): void {
  let keys = heldHere.get(store);
  if (!keys) heldHere.set(store, (keys = new Set()));
  if (held) keys.add(key);
  else keys.delete(key);
}

export interface LockWaiter {
  /**
   * Resolves when a holder in this process releases the lock and this is the next waiter, or after `pollMs`
   * (a holder in another process is seen by polling), but no later than `untilMs` (Date.now()).
   */
  wait(pollMs: number, untilMs: number): Promise<void>;
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
    wait: (pollMs, untilMs) =>
      new Promise((resolve) => {
        const poll = heldHere.get(store)?.has(key) ? Math.max(pollMs, LOCAL_HOLDER_POLL_MS) : pollMs;
        const timer = setTimeout(resolve, Math.max(0, Math.min(poll, untilMs - Date.now())));
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
