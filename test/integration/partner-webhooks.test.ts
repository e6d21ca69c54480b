import { describe, expect, it } from 'vitest';
import { WEBHOOK_SCHEDULE_MS } from '../../src/partners/webhook-delivery.js';
import { followSession } from '../support/partners.js';
import { readmeVerifier } from '../support/readme-verifier.js';
import { FAST_SCHEDULE, useWebhookHarness, WEBHOOK_SECRET as SECRET } from '../support/webhook-harness.js';
import type { ReceivedHook } from '../support/webhook-receiver.js';

const verifier = await readmeVerifier();
/** What the README tells partners to do. */
const verify = (hook: ReceivedHook, secret: string) => verifier(hook.raw, String(hook.headers['hubspot-aep-signature'] ?? ''), secret);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('partner webhooks', () => {
  const start = useWebhookHarness();

  it('posts a signed connection.created with the session, sandbox, user, state, connection and hub, and no credential', async () => {
    const { api, receiver, h } = await start();
    const { id, url, token } = await (await api.create({ partner_user_id: 'u-9', partner_state: 'st-9' })).json();
    await followSession(h.browser(), url);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['hubspot-aep-event-id']).toBe(hook!.body.id);
    expect(verify(hook!, SECRET)).toBe(true);
    expect(verify(hook!, 'another-secret')).toBe(false);
    const session = await (await api.read(id)).json();
    expect(hook!.body).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f-]{36}$/),
      type: 'connection.created',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        session_id: id,
        sandbox: 'prod',
        partner_user_id: 'u-9',
        partner_state: 'st-9',
        connection_id: session.connection_id,
        reconnected: false,
        hub_id: session.hub_id,
        hub_domain: session.hub_domain,
      },
    });
    expect(session.hub_domain).toEqual(expect.any(String));
    for (const secret of [token, SECRET, h.config.hubspot.clientSecret, h.config.adobe.clientSecret])
      expect(hook!.raw).not.toContain(secret);
    expect(JSON.stringify(hook!.headers)).not.toContain(SECRET);
  });

  it('posts connection.updated with reconnected: true when the same portal connects again', async () => {
    const { api, receiver, h } = await start();
    await followSession(h.browser(), (await (await api.create({})).json()).url);
    await followSession(h.browser(), (await (await api.create({})).json()).url);
    const hooks = await receiver.waitFor(2);
    expect(hooks.map((hook) => [hook.body.type, hook.body.data.reconnected])).toEqual([
      ['connection.created', false],
      ['connection.updated', true],
    ]);
  });

  it('the largest valid session (every free-text field at its byte bound) completes and its partner learns it', async () => {
    const base = 'https://portal.acme.example/aep/done?pad=';
    const returnUrl = base + 'p'.repeat(2048 - base.length);
    const { api, receiver, h } = await start({ partner: { returnUrls: [returnUrl] } });
    // Escaped characters take 6 bytes in the stored JSON, quotes 2: each field exactly at its bound, and metadata
    // at its worst (20 keys of 40 characters, values of 500 escaped characters), the body just under its 64 KB cap.
    const metadata = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`${String(i).padStart(2, '0')}${'k'.repeat(38)}`, '\u0001'.repeat(500)]),
    );
    const largest = {
      return_url: returnUrl,
      partner_user_id: '\u0001'.repeat(85) + '"',
      partner_state: '\u0001'.repeat(170) + 'xyzw',
      metadata,
      locale: 'fr',
    };
    expect(Buffer.byteLength(JSON.stringify(largest))).toBeLessThan(64 * 1024);
    const tooLarge = await api.create({ ...largest, partner_state: largest.partner_state + 'z' });
    expect(tooLarge.status).toBe(400);
    expect((await tooLarge.json()).error.fields).toEqual(['partner_state']);
    const created = await api.create(largest);
    expect(created.status).toBe(201);
    const { id, url } = await created.json();
    const { location } = await followSession(h.browser(), url);
    expect(location.startsWith(`${returnUrl}&session_id=`)).toBe(true);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.created');
    expect(hook!.body.data).toMatchObject({ partner_user_id: largest.partner_user_id, metadata });
    const session = await (await api.read(id)).json();
    expect(session).toMatchObject({ status: 'completed', partner_user_id: largest.partner_user_id, connection_id: expect.any(String) });
  });

  it('posts connection.failed with the error code when the user refuses consent', async () => {
    const { api, receiver, h } = await start();
    const { id, url } = await (await api.create({})).json();
    await followSession(h.browser(), url, 'cancel');
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.failed');
    expect(hook!.body.data).toEqual({ session_id: id, sandbox: 'prod', error_code: 'CONSENT_DENIED' });
  });

  it('retries 5xx, timeouts, redirects and 429 with the same event id (body and header), re-signed, until one succeeds', async () => {
    const { api, receiver, h } = await start({ answer: (_hook, n) => [500, 'hang' as const, 302, 429][n - 1] ?? 200 });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    const hooks = await receiver.waitFor(5, 10_000);
    expect(new Set(hooks.map((x) => x.body.id)).size).toBe(1);
    expect(hooks.every((x) => x.headers['hubspot-aep-event-id'] === x.body.id)).toBe(true);
    expect(hooks.every((x) => verify(x, SECRET))).toBe(true);
    await sleep(300);
    expect(receiver.received).toHaveLength(5);
  });

  it('waits out a 429’s Retry-After before the next attempt, then delivers', async () => {
    const { api, receiver, h } = await start({
      answer: (_hook, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : 204),
    });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    const [first, second] = await receiver.waitFor(2, 8_000);
    // The schedule alone would retry after 20 ms.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.body.id).toBe(first!.body.id);
  });

  it.each([400, 401, 404, 410])('stops at once when the endpoint answers %i (the partner refuses the event)', async (status) => {
    const { api, receiver, h } = await start({ answer: () => status });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    await receiver.waitFor(1);
    await sleep(400);
    expect(receiver.received).toHaveLength(1);
  });

  it('stops after the last scheduled attempt when the endpoint keeps failing', async () => {
    const { api, receiver, h } = await start({ answer: () => 503 });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    await receiver.waitFor(FAST_SCHEDULE.length);
    await sleep(400);
    expect(receiver.received).toHaveLength(FAST_SCHEDULE.length);
  });

  it('signs with both secrets during a rotation (secretEnvs), each signature verifying with its own secret', async () => {
    const [next, previous] = ['whsec_new_0123456789abcdef', 'whsec_old_0123456789abcdef'];
    const { api, receiver, h } = await start({ partner: { webhookSecrets: [next, previous] } });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    const [hook] = await receiver.waitFor(1);
    const header = String(hook!.headers['hubspot-aep-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verify(hook!, next)).toBe(true);
    expect(verify(hook!, previous)).toBe(true);
    expect(verify(hook!, SECRET)).toBe(false);
    // Each v1 is the signature of one secret, in the order named.
    const [, first, second] = header.split(',');
    expect(verifier(hook!.raw, header.replace(`,${second}`, ''), next)).toBe(true);
    expect(verifier(hook!.raw, header.replace(`,${first}`, ''), previous)).toBe(true);
  });

  it('posts session.expired for a session nobody used before it expired', async () => {
    const { api, receiver } = await start({ services: { sessionTtlMs: 200 } });
    const { id } = await (await api.create({ partner_user_id: 'u-3' })).json();
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('session.expired');
    expect(hook!.body.data).toEqual({ session_id: id, sandbox: 'prod', partner_user_id: 'u-3' });
    expect((await (await api.read(id)).json()).status).toBe('expired');
  });

  it('schedules production retries for more than 24 hours, the first within 10 s', () => {
    expect(WEBHOOK_SCHEDULE_MS[0]).toBe(0);
    expect(WEBHOOK_SCHEDULE_MS[1]).toBeLessThanOrEqual(10_000);
    expect(WEBHOOK_SCHEDULE_MS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
  });
});
