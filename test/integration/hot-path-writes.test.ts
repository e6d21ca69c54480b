import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startHarness, type Harness } from '../support/harness.js';

/** A MemoryStore that counts writes per key. */
class CountingStore extends MemoryStore {
  readonly writes = new Map<string, number>();
  override async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
    return super.set(key, value, ttlMs);
  }
  writesUnder(prefix: string): number {
    return [...this.writes].filter(([key]) => key.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
  }
}

/** A session cookie as express-session signs it (cookie-signature: HMAC-SHA256, base64 without padding). */
const signedSessionCookie = (sid: string, secret: string) =>
  `hac.sid=${encodeURIComponent(`s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`)}`;

describe('what one flow writes', () => {
  let h: Harness;
  const store = new CountingStore();
  beforeAll(async () => {
    h = await startHarness({ store });
  });
  afterAll(() => h.close());

  it('When a flow connects, then its record is written around the code exchange, before the upsert and at the outcome, not around every step', async () => {
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    const flowId = decodeURIComponent(new URL(run.resultUrl).pathname.split('/').pop()!);
    expect(run.html).toContain(h.sandbox.flowService.connections()[0]!.id);
    // Start, hand-off to the job, before and after the exchange, before the upsert, outcome: six steps used to make eleven.
    expect(store.writes.get(`flow:${flowId}`)).toBe(6);
  });

  it('When a flow runs, then its browser session is written once, at the start, and the callback and result pages set no session cookie', async () => {
    const before = store.writesUnder('session:');
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(store.writesUnder('session:') - before).toBe(1);
    expect(run.callback.headers.getSetCookie().filter((c) => c.startsWith('hac.sid='))).toEqual([]);
    expect(run.result.headers.getSetCookie().filter((c) => c.startsWith('hac.sid='))).toEqual([]);
  });

  it('When a browser brings a validly signed cookie naming a session that does not exist, then /connect gives it another id', async () => {
    const chosen = 'chosen-by-someone-else-0123456789';
    const res = await h.browser().get(`${h.url}/connect`, { cookie: signedSessionCookie(chosen, h.config.sessionSecret) });
    expect(res.status).toBe(302);
    const issued = res.headers.getSetCookie().find((c) => c.startsWith('hac.sid='));
    expect(issued).toBeDefined();
    expect(decodeURIComponent(issued!)).not.toContain(chosen);
    expect(store.writes.has(`session:${chosen}`)).toBe(false);
  });
});
