import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { sha256Hex } from '../flows/pkce.js';
import type { TokenSealer } from '../flows/sealed-tokens.js';
import type { KeyValueStore } from '../store/key-value-store.js';

/** How long a key's first answer is replayed (Stripe keeps keys 24 hours: https://docs.stripe.com/api/idempotent_requests). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim held by a request in flight; it lapses on its own if the instance dies mid-request. */
const IN_FLIGHT_TTL_MS = 30_000;
/** How long a concurrent request waits for the first one's answer before it is told to come back later. */
const WAIT_FOR_FIRST_MS = 2_000;
const POLL_MS = 20;
/** What a 409 IDEMPOTENCY_KEY_IN_USE tells the client to wait, in seconds. */
export const IN_USE_RETRY_AFTER_S = 1;

export interface KeptAnswer {
  status: number;
  body: Record<string, unknown>;
}

type Entry =
  { state: 'in_flight'; fingerprint: string; owner: string } | { state: 'done'; fingerprint: string; status: number; sealed: string };

/**
 * Idempotency-Key for creations, with Stripe's rules: keys are per partner; the first successful answer is
 * kept for 24 hours and replayed for the same key and body; another body is refused; an error answer is not
 * kept (the claim is released, so the client may try again). Concurrent requests meet at one atomic
 * `setIfAbsent`: one runs, the others wait briefly for its answer. The kept answer holds a session token,
 * so it is sealed (AES-256-GCM, bound to the key) like every other secret the store keeps.
 */
export class IdempotencyKeys {
  constructor(
    private readonly store: KeyValueStore,
    private readonly sealer: TokenSealer,
    private readonly waitMs = WAIT_FOR_FIRST_MS,
  ) {}

  async run(partnerId: string, key: string, body: unknown, create: () => Promise<KeptAnswer>): Promise<KeptAnswer & { replayed: boolean }> {
    // The key is hashed: its length and characters are the client's, the store's key is ours.
    const storeKey = `idempotency:${partnerId}:${sha256Hex(key)}`;
    const fingerprint = sha256Hex(canonicalJson(body));
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const mine: Entry = { state: 'in_flight', fingerprint, owner: randomUUID() };
      if (await this.store.setIfAbsent(storeKey, mine, IN_FLIGHT_TTL_MS))
        return { ...(await this.#first(storeKey, mine, create)), replayed: false };
      const entry = await this.store.get<Entry>(storeKey);
      if (entry && entry.fingerprint !== fingerprint)
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'idempotency key reused with another body');
      if (entry?.state === 'done') {
        const kept = this.sealer.open<Record<string, unknown>>(storeKey, entry.sealed);
        if (!kept) throw new AppError('INTERNAL', 'kept idempotent answer does not open');
        return { status: entry.status, body: kept, replayed: true };
      }
      if (Date.now() >= deadline) throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'idempotency key in flight');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async #first(storeKey: string, mine: Entry, create: () => Promise<KeptAnswer>): Promise<KeptAnswer> {
    let answer: KeptAnswer;
    try {
      answer = await create();
    } catch (err) {
      await this.store.deleteIfEquals(storeKey, mine).catch(() => false);
      throw err;
    }
    const done: Entry = {
      state: 'done',
      fingerprint: mine.fingerprint,
      status: answer.status,
      sealed: this.sealer.seal(storeKey, answer.body),
    };
    await this.store.set(storeKey, done, IDEMPOTENCY_TTL_MS);
    return answer;
  }
}

/** JSON with object keys sorted at every level: the same body in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
