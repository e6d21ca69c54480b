import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from './key-value-store.js';
import { joinWaiters, markHeld, wakeNextWaiter, type LockWaiter } from './lock-waiters.js';

export interface LockOptions {
  /** How long the lock lives if its holder dies without releasing it. */
  ttlMs: number;
  /** How long to wait for a held lock before giving up. */
  waitMs: number;
  pollMs?: number;
}

/**
 * Runs `fn` while holding a lease on `key` (setIfAbsent with a TTL), so that two callbacks for the same
 * portal cannot both find "no connection" and both create one. The lease expires by itself if the
 * holder crashes. Release is one atomic compare-and-delete, so it never frees a lease someone else took.
 *
 * No fencing token, for two reasons. A PATCH carries If-Match with the etag read under the lease, so a
 * holder paused past the TTL gets 412 once the new holder has written: the Flow Service version is the
 * fence (docs/reference/adobe-flow-service.md §2.4). A POST has no such fence; the lease TTL (60 s) outlasts
 * the find and the POST together (each bounded by UPSTREAM_TIMEOUT_MS, 10 s by default), so only a process
 * frozen for longer than that could race, and the next completion's lookup by name would then see both.
 */
export async function withLock<T>(store: KeyValueStore, key: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  const deadline = Date.now() + options.waitMs;
  let waiter: LockWaiter | undefined;
  try {
    while (!(await store.setIfAbsent(key, owner, options.ttlMs))) {
      if (Date.now() >= deadline) throw new AppError('CONNECTION_LOCK_BUSY', `lock ${key} still held after ${options.waitMs} ms`);
      waiter ??= joinWaiters(store, key);
      await waiter.wait(options.pollMs ?? 50, deadline);
    }
  } finally {
    waiter?.leave();
  }
  markHeld(store, key, true);
  try {
    return await fn();
  } finally {
    markHeld(store, key, false);
    if (await store.deleteIfEquals(key, owner)) wakeNextWaiter(store, key);
  }
}
