import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from './key-value-store.js';
import { joinWaiters, markHeld, wakeNextWaiter, type LockWaiter } from './lock-waiters.js';

export interface LockOptions {
  /** How long the lease lives without renewal: how soon a dead holder's lock frees itself. */
  ttlMs: number;
  /** How long to wait for a held lock before giving up. */
  waitMs: number;
  pollMs?: number;
}

/** What the holder learns while it runs: `signal` aborts when the lease is lost (not renewed in time). */
export interface Lease {
  readonly signal: AbortSignal;
}

/**
 * Runs `fn` while holding a lease on `key` (setIfAbsent with a TTL), so that two callbacks for the same
 * portal cannot both find "no connection" and both create one. The lease is renewed every third of its TTL
 * with an atomic extend-if-owner, so it can be short: a holder that dies frees it within one TTL, while a live
 * holder keeps it however long its upstream calls take. Release is one atomic compare-and-delete, so it never
 * frees a lease someone else took (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/).
 *
 * No fencing token, for two reasons. A PATCH carries If-Match with the etag read under the lease, so a
 * holder paused past the TTL gets 412 once the new holder has written: the Flow Service version is the
 * fence (docs/reference/adobe-flow-service.md §2.4). A POST has no such fence; instead the holder's `signal`
 * aborts as soon as a renewal fails or is overdue by a whole TTL, and a holder checks it before it creates, so
 * only a process frozen between that check and the POST leaving could race, and the next completion's lookup
 * by marker would then see both.
 */
export async function withLock<T>(store: KeyValueStore, key: string, options: LockOptions, fn: (lease: Lease) => Promise<T>): Promise<T> {
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
  const lost = new AbortController();
  let confirmedAt = Date.now();
  const renew = async () => {
    const askedAt = Date.now();
    const kept = await store.extendIfEquals(key, owner, options.ttlMs).catch(() => undefined);
    if (kept) confirmedAt = askedAt;
    // Lost for sure (someone else holds it), or not confirmed for a whole TTL (it may have lapsed).
    if (kept === false || Date.now() - confirmedAt >= options.ttlMs) {
      lost.abort(new AppError('CONNECTION_LOCK_BUSY', `lease on ${key} was lost while held`));
    }
  };
  const renewal = setInterval(() => void (lost.signal.aborted ? undefined : renew()), Math.max(1, Math.floor(options.ttlMs / 3)));
  renewal.unref();
  try {
    return await fn({ signal: lost.signal });
  } finally {
    clearInterval(renewal);
    markHeld(store, key, false);
    if (await store.deleteIfEquals(key, owner)) wakeNextWaiter(store, key);
  }
}
