import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/cluster.js';
import { startHarness, type Harness } from '../support/harness.js';
import { newApiKey, partnersEnv } from '../support/partners.js';

const RETURN_URL = 'https://portal.acme.example/done';

/** POST /api/v1/connect-sessions with an Idempotency-Key. */
function createWith(baseUrl: string, apiKey: string, idempotencyKey: string | undefined, body: unknown) {
  return fetch(`${baseUrl}/api/v1/connect-sessions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('Idempotency-Key on POST /api/v1/connect-sessions', () => {
  let h: Harness | undefined;
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await h?.close();
    await cluster?.close();
    h = undefined;
    cluster = undefined;
  });
  const keys = { acme: newApiKey(), globex: newApiKey() };
  const env = () =>
    partnersEnv([
      { id: 'acme', apiKey: keys.acme, returnUrls: [RETURN_URL] },
      { id: 'globex', apiKey: keys.globex },
    ]);

  it('20 concurrent creations with one key make one session; every 201 is the same answer, the rest are 409 with Retry-After', async () => {
    h = await startHarness({ env: env() });
    const body = { partner_user_id: 'u-1', metadata: { plan: 'pro' } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => createWith(h!.url, keys.acme, 'order-1', body)));
    const created = answers.filter((r) => r.status === 201);
    const busy = answers.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const bodies = await Promise.all(created.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    for (const r of busy) {
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await r.json()).error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    }
    // Exactly one session exists behind the key: a later identical request replays it, marked as a replay.
    const again = await createWith(h.url, keys.acme, 'order-1', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(bodies[0]);
    const first = await fetch(`${h.url}/api/v1/connect-sessions/${bodies[0].id}`, { headers: { authorization: `Bearer ${keys.acme}` } });
    expect((await first.json()).metadata).toEqual({ plan: 'pro' });
  });

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; the same body in another key order is a replay', async () => {
    h = await startHarness({ env: env() });
    const first = await (await createWith(h.url, keys.acme, 'k-2', { partner_user_id: 'u-1', partner_state: 's' })).json();
    const reordered = await createWith(h.url, keys.acme, 'k-2', { partner_state: 's', partner_user_id: 'u-1' });
    expect(reordered.status).toBe(201);
    expect((await reordered.json()).id).toBe(first.id);
    const other = await createWith(h.url, keys.acme, 'k-2', { partner_user_id: 'u-2', partner_state: 's' });
    expect(other.status).toBe(422);
    expect((await other.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per partner, and without a key every request creates a session', async () => {
    h = await startHarness({ env: env() });
    const a = await (await createWith(h.url, keys.acme, 'shared', {})).json();
    const b = await (await createWith(h.url, keys.globex, 'shared', {})).json();
    expect(a.id).not.toBe(b.id);
    const plain = await Promise.all([createWith(h.url, keys.acme, undefined, {}), createWith(h.url, keys.acme, undefined, {})]);
    const ids = await Promise.all(plain.map(async (r) => (await r.json()).id));
    expect(new Set(ids).size).toBe(2);
  });

  it('an error answer is not kept: after a refused body, the same key creates a session with a valid one', async () => {
    h = await startHarness({ env: env() });
    const refused = await createWith(h.url, keys.acme, 'k-3', { return_url: 'https://evil.example/' });
    expect(refused.status).toBe(400);
    const created = await createWith(h.url, keys.acme, 'k-3', { return_url: RETURN_URL });
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a malformed key (empty, too long, not printable ASCII) with 400 naming the header', async () => {
    h = await startHarness({ env: env() });
    for (const bad of ['x'.repeat(256), 'has space']) {
      const res = await createWith(h.url, keys.acme, bad, {});
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields).toEqual(['Idempotency-Key']);
    }
  });

  it('on two instances sharing Redis, concurrent creations with one key through both make one session', async () => {
    cluster = await startCluster({ env: env() });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createWith((i % 2 ? a : b).url, keys.acme, 'cross-1', { partner_user_id: 'u-7' })),
    );
    const created = await Promise.all(answers.filter((r) => r.status === 201).map((r) => r.json()));
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((c) => c.id)).size).toBe(1);
    const later = await (await createWith(b.url, keys.acme, 'cross-1', { partner_user_id: 'u-7' })).json();
    expect(later.id).toBe(created[0].id);
  });
});
