import { AppError } from '../errors/app-error.js';

/**
 * Redis at `maxmemory` with `noeviction` (which BullMQ requires) refuses writes with an `OOM command not allowed`
 * error reply (https://redis.io/docs/latest/develop/reference/eviction/). Whoever wrote (the store, the browser
 * session store, BullMQ) the user gets STORE_FULL, a 503, instead of a 500: nothing already stored is lost.
 */
export function isOutOfMemory(err: unknown): boolean {
  return err instanceof Error && /^OOM\b/.test(err.message);
}

export function storeFull(err: unknown): AppError {
  return new AppError('STORE_FULL', 'store refused a write (Redis maxmemory)', { cause: err });
}

/** Runs a write, turning Redis's out-of-memory refusal into STORE_FULL. */
export async function refusingWhenFull<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw isOutOfMemory(err) ? storeFull(err) : err;
  }
}
