import session from 'express-session';
import type { KeyValueStore } from './key-value-store.js';

/** Used only if a session arrives without a cookie maxAge; sessions are short-lived (src/web/session.ts). */
const DEFAULT_TTL_MS = 20 * 60 * 1000;

/**
 * express-session store over the KeyValueStore seam, so browser sessions live wherever flow records do.
 * (express-session's own MemoryStore "is purposely not designed for a production environment".) No `touch`:
 * expiry moves only when the session is saved, together with its cookie's (src/web/session.ts).
 */
export class KeyValueSessionStore extends session.Store {
  readonly #kv: KeyValueStore;

  constructor(kv: KeyValueStore) {
    super();
    this.#kv = kv;
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.#kv.get<session.SessionData>(key(sid)).then((s) => callback(null, s ?? null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.#kv.set(key(sid), data, ttlOf(data)).then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#kv.delete(key(sid)).then(() => callback?.(), callback);
  }
}

const key = (sid: string) => `session:${sid}`;

function ttlOf(data: session.SessionData): number {
  const maxAge = data.cookie?.maxAge;
  return typeof maxAge === 'number' && maxAge > 0 ? maxAge : DEFAULT_TTL_MS;
}
