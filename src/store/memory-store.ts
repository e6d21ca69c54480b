import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from './key-value-store.js';

interface Entry {
  json: string;
  /** Bytes of `json` (UTF-8), counted against the store's byte budget. */
  bytes: number;
  expiresAt: number;
}

export interface MemoryStoreOptions {
  now?: () => number;
  sweepIntervalMs?: number;
  /** Most entries held at once; past it a new key is refused (STORE_FULL), nothing is evicted. */
  maxEntries?: number;
  /** Largest value, in bytes of JSON: one browser session or flow record may not grow past it. */
  maxValueBytes?: number;
  /** Bytes of JSON held in all; past it, as past the entry cap, a new key is refused (STORE_FULL). */
  maxTotalBytes?: number;
}

/** Enough for tens of thousands of flows in progress, yet bounded at a few tens of MB. */
export const DEFAULT_MAX_ENTRIES = 50_000;
/**
 * A browser session holds a browser id and a flow record a few hundred bytes; a connect session also keeps
 * what its partner sent (a JSON body of at most 64 KB, whose strings take no more bytes stored than sent),
 * so the cap is that body plus room for the session's own fields.
 */
export const DEFAULT_MAX_VALUE_BYTES = 80 * 1024;
/**
 * The entry cap alone would let 50,000 values of 80 KB hold 4 GB. Live state is mostly sessions and flow records of
 * a few hundred bytes (50,000 of them are ~25 MB), so 256 MB leaves room for every connect session to carry a large
 * metadata body while bounding the worst case to what one instance can hold.
 */
export const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/**
 * In-process store for one instance, bounded four ways: every entry has a TTL (dropped on read and by a
 * periodic sweep), the number of entries is capped, each value — so each browser session — is capped in size,
 * and so are the bytes held in all. At either cap a new key is refused with STORE_FULL (a 503), as Redis does at `maxmemory` with
 * `noeviction`: nothing live (a claimed flow, a connect session, a queued webhook, a lock) is ever dropped to
 * make room. Rewriting a key that exists always succeeds, so flows already under way can finish. Anonymous
 * flow starts have their own, smaller budget (src/flows/start-budget.ts), so a flood of them cannot reach the cap.
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #now: () => number;
  readonly #maxEntries: number;
  readonly #maxValueBytes: number;
  readonly #maxTotalBytes: number;
  #totalBytes = 0;
  #lastSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#maxValueBytes = options.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES;
    this.#maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    this.#sweeper = setInterval(() => this.#sweep(), options.sweepIntervalMs ?? 60_000);
    this.#sweeper.unref();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.#live(key);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(json);
    if (bytes > this.#maxValueBytes) throw new Error(`value for ${key} is larger than ${this.#maxValueBytes} bytes`);
    const held = this.#entries.get(key);
    if (!held && (this.#entries.size >= this.#maxEntries || this.#totalBytes + bytes > this.#maxTotalBytes)) this.#makeRoom(key, bytes);
    this.#totalBytes += bytes - (held?.bytes ?? 0);
    this.#entries.set(key, { json, bytes, expiresAt: this.#now() + ttlMs });
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfEquals<T>(key: string, expected: T): Promise<boolean> {
    // Single-threaded: nothing can run between this read and the delete.
    if (this.#live(key)?.json !== JSON.stringify(expected)) return false;
    return this.#remove(key);
  }

  async extendIfEquals<T>(key: string, expected: T, ttlMs: number): Promise<boolean> {
    const entry = this.#live(key);
    if (entry?.json !== JSON.stringify(expected)) return false;
    entry.expiresAt = this.#now() + ttlMs;
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#remove(key);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#entries.clear();
    this.#totalBytes = 0;
  }

  /** Bytes of JSON held by live entries (for tests). */
  get bytes(): number {
    this.#sweep();
    return this.#totalBytes;
  }

  /** Number of live entries (for tests and the benchmark). */
  get size(): number {
    this.#sweep();
    return this.#entries.size;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#now()) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #remove(key: string): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#totalBytes -= entry.bytes;
    return this.#entries.delete(key);
  }

  /** Only expired entries make room. A full sweep is O(entries): at most once a second, so writes at the cap stay cheap. */
  #makeRoom(key: string, bytes: number): void {
    if (this.#now() - this.#lastSweep >= 1_000) this.#sweep();
    if (this.#entries.size >= this.#maxEntries || this.#totalBytes + bytes > this.#maxTotalBytes)
      throw new AppError(
        'STORE_FULL',
        `store holds ${this.#entries.size} entries, ${this.#totalBytes} bytes; refused ${key.split(':')[0]}`,
      );
  }

  #sweep(): void {
    const now = this.#now();
    this.#lastSweep = now;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#remove(key);
  }
}
