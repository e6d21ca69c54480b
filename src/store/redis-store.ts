import type { createClient } from 'redis';
import type { KeyValueStore } from './key-value-store.js';
import { refusingWhenFull } from './store-full.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Compare-and-delete in one server-side step, the release script of the Redis lock pattern
 * (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/): GET then DEL from the client
 * could delete a lease that expired and was taken by another instance in between.
 */
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Compare-and-extend, the same pattern's renewal: PEXPIRE only while the value is still ours. */
const EXTEND_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * The store shared by every instance. Values are JSON strings; every key is written with a PX expiry
 * (https://redis.io/docs/latest/commands/set/), so Redis itself drops abandoned flows and sessions.
 * `prefix` namespaces a deployment (and lets each test file isolate itself in one Redis).
 */
export class RedisStore implements KeyValueStore {
  readonly #client: RedisClient;
  readonly #prefix: string;

  constructor(client: RedisClient, options: { prefix: string }) {
    this.#client = client;
    this.#prefix = options.prefix;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const json = await this.#client.get(this.#prefix + key);
    return json === null ? undefined : (JSON.parse(json) as T);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await refusingWhenFull(() =>
      this.#client.set(this.#prefix + key, JSON.stringify(value), { expiration: { type: 'PX', value: ttlOf(ttlMs) } }),
    );
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean> {
    const reply = await refusingWhenFull(() =>
      this.#client.set(this.#prefix + key, JSON.stringify(value), { condition: 'NX', expiration: { type: 'PX', value: ttlOf(ttlMs) } }),
    );
    return reply === 'OK';
  }

  async deleteIfEquals<T>(key: string, expected: T): Promise<boolean> {
    const deleted = await this.#client.eval(DELETE_IF_EQUALS, { keys: [this.#prefix + key], arguments: [JSON.stringify(expected)] });
    return deleted === 1;
  }

  async extendIfEquals<T>(key: string, expected: T, ttlMs: number): Promise<boolean> {
    const extended = await this.#client.eval(EXTEND_IF_EQUALS, {
      keys: [this.#prefix + key],
      arguments: [JSON.stringify(expected), String(ttlOf(ttlMs))],
    });
    return extended === 1;
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#prefix + key);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.#client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** The client is shared with sessions and rate limits; whoever created it closes it (services.close). */
  async close(): Promise<void> {}
}

/** Redis refuses PX 0; a TTL is always at least a millisecond. */
const ttlOf = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));
