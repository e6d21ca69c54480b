/**
 * The one storage seam: flow records, their state index, claims and browser sessions all live behind it.
 * Values are JSON-serialisable and copied on the way in and out, so the memory implementation behaves
 * like a networked one (no shared mutable objects). A Redis implementation plugs in here for scale-out.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` for `ttlMs` milliseconds, replacing any previous value. */
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  /** Stores only when the key is absent; returns whether it did. The basis for single-use claims. */
  setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
