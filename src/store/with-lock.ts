import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from './key-value-store.js';

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
 * holder crashes. Release deletes the key only if we still own it.
 */
export async function withLock<T>(store: KeyValueStore, key: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while (!(await store.setIfAbsent(key, owner, options.ttlMs))) {
    if (Date.now() >= deadline) throw new AppError('CONNECTION_LOCK_BUSY', `lock ${key} still held after ${options.waitMs} ms`);
    await sleep(options.pollMs ?? 50);
  }
  try {
    return await fn();
  } finally {
    if ((await store.get<string>(key)) === owner) await store.delete(key);
  }
}
