/**
 * The one storage seam: flow records, their state index, claims and browser sessions all live behind it.
 * Values are JSON-serialisable and copied on the way in and out, so the memory implementation behaves
 * like a networked one (no shared mutable objects). MemoryStore serves one instance; RedisStore serves many.
 * Every entry has a TTL: nothing written through this seam lives forever.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs` milliseconds, replacing any previous value. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  /** Stores only when the key is absent; returns whether it did. The basis for single-use claims. */
  setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean>;
  /**
   * Deletes the key only if it still holds `expected` (compared as JSON), in one atomic step; returns
   * whether it did. Releases a lock without deleting a lease that expired and was taken by someone else.
   */
  deleteIfEquals<T>(key: string, expected: T): Promise<boolean>;
  /**
   * Gives the key a new TTL of `ttlMs` only if it still holds `expected` (compared as JSON), in one atomic step;
   * returns whether it did. Renews a lock's lease without reviving one that lapsed and went to someone else.
   */
  extendIfEquals<T>(key: string, expected: T, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Whether the backing service answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
