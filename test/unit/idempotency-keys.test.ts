import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.js';
import { TokenSealer } from '../../src/flows/sealed-tokens.js';
import { canonicalJson, IdempotencyKeys, type KeptAnswer } from '../../src/partners/idempotency-keys.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RecordingStore } from '../support/recording-store.js';

const sealer = new TokenSealer(randomBytes(32).toString('base64'));
const answer = (id: string): KeptAnswer => ({ status: 201, body: { id, token: `secret-token-${id}` } });
const codeOf = (err: unknown) => (isAppError(err) ? err.code : String(err));

describe('IdempotencyKeys', () => {
  const stores: MemoryStore[] = [];
  const fresh = () => {
    const store = new MemoryStore();
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('runs the creation once per key and body, and replays its answer after', async () => {
    const keys = new IdempotencyKeys(fresh(), sealer);
    let runs = 0;
    const create = async () => answer(`s-${++runs}`);
    const first = await keys.run('acme', 'k', { a: 1 }, create);
    const second = await keys.run('acme', 'k', { a: 1 }, create);
    expect(runs).toBe(1);
    expect([first.replayed, second.replayed]).toEqual([false, true]);
    expect(second.body).toEqual(first.body);
  });

  it('tells a request that arrives while the first is running to come back (IN_USE), and replays once it is done', async () => {
    const store = fresh();
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    const first = new IdempotencyKeys(store, sealer).run('acme', 'k', {}, async () => {
      await running;
      return answer('s-1');
    });
    await expect(new IdempotencyKeys(store, sealer, 60).run('acme', 'k', {}, async () => answer('s-2'))).rejects.toSatisfy(
      (err) => codeOf(err) === 'IDEMPOTENCY_KEY_IN_USE',
    );
    const waiting = new IdempotencyKeys(store, sealer, 5_000).run('acme', 'k', {}, async () => answer('s-3'));
    release();
    expect((await first).body.id).toBe('s-1');
    expect(await waiting).toMatchObject({ replayed: true, body: { id: 's-1' } });
  });

  it('keeps no error answer: after a failed creation the key is free again', async () => {
    const keys = new IdempotencyKeys(fresh(), sealer);
    await expect(keys.run('acme', 'k', { a: 1 }, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect((await keys.run('acme', 'k', { a: 2 }, async () => answer('s-2'))).body.id).toBe('s-2');
  });

  it('refuses the same key with another body, but not the same body in another key order', async () => {
    const keys = new IdempotencyKeys(fresh(), sealer);
    await keys.run('acme', 'k', { a: 1, b: { c: [1, 2], d: 'x' } }, async () => answer('s-1'));
    expect((await keys.run('acme', 'k', { b: { d: 'x', c: [1, 2] }, a: 1 }, async () => answer('s-2'))).body.id).toBe('s-1');
    await expect(keys.run('acme', 'k', { a: 1, b: { c: [2, 1], d: 'x' } }, async () => answer('s-3'))).rejects.toSatisfy(
      (err) => codeOf(err) === 'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('keeps neither the client’s key nor the session token in the store in the clear', async () => {
    const store = new RecordingStore();
    stores.push(store);
    await new IdempotencyKeys(store, sealer).run('acme', 'client-key-123', {}, async () => answer('s-1'));
    const written = JSON.stringify(store.writes);
    expect(written).not.toContain('client-key-123');
    expect(written).not.toContain('secret-token-s-1');
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
  });
});
