import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_SCHEDULE_MS } from '../../src/partners/webhook-delivery.js';
import { startHarness, type Harness } from '../support/harness.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { startWebhookReceiver, type ReceivedHook } from '../support/webhook-receiver.js';

const SECRET = 'whsec_test_0123456789abcdef';
/** Same shape as production (8 attempts), compressed to milliseconds. */
const FAST_SCHEDULE = [0, 20, 40, 60, 80, 100, 120, 140];

/** What the README tells partners to do. */
function verify(hook: ReceivedHook, secret: string): boolean {
  const header = String(hook.headers['hubspot-aep-signature'] ?? '');
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${hook.raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex')) && Math.abs(Date.now() / 1000 - Number(m[1])) < 300;
}

describe('partner webhooks', () => {
  let h: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
    h = undefined;
    receiver = undefined;
  });
  const start = async (answer?: Parameters<typeof startWebhookReceiver>[0], sessionTtlMs?: number) => {
    receiver = await startWebhookReceiver(answer);
    const key = newApiKey();
    h = await startHarness({
      env: partnersEnv([{ id: 'acme', apiKey: key, webhookUrl: receiver.url, webhookSecret: SECRET }]),
      services: { webhookSchedule: FAST_SCHEDULE, ...(sessionTtlMs ? { sessionTtlMs } : {}) },
    });
    return { api: partnerApi(h.url, key), receiver, h };
  };

  it('posts a signed connection.created with the session, sandbox, user, state, connection and hub, and no credential', async () => {
    const { api, receiver, h } = await start();
    const { id, url, token } = await (await api.create({ partner_user_id: 'u-9', partner_state: 'st-9' })).json();
    await followSession(h.browser(), url);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.headers['content-type']).toBe('application/json');
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

  it('posts connection.failed with the error code when the user refuses consent', async () => {
    const { api, receiver, h } = await start();
    const { id, url } = await (await api.create({})).json();
    await followSession(h.browser(), url, 'cancel');
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.failed');
    expect(hook!.body.data).toEqual({ session_id: id, sandbox: 'prod', error_code: 'CONSENT_DENIED' });
  });

  it('retries non-2xx answers and timeouts with the same event id, re-signed, until one succeeds', async () => {
    const { api, receiver, h } = await start((_hook, n) => (n === 1 ? 500 : n === 2 ? 'hang' : n === 3 ? 302 : 200));
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    const hooks = await receiver.waitFor(4, 8_000);
    expect(new Set(hooks.map((x) => x.body.id)).size).toBe(1);
    expect(hooks.every((x) => verify(x, SECRET))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(4);
  });

  it('stops after the last scheduled attempt when the endpoint keeps failing', async () => {
    const { api, receiver, h } = await start(() => 503);
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    await receiver.waitFor(FAST_SCHEDULE.length);
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.received).toHaveLength(FAST_SCHEDULE.length);
  });

  it('posts session.expired for a session nobody used before it expired', async () => {
    const { api, receiver } = await start(undefined, 200);
    const { id } = await (await api.create({ partner_user_id: 'u-3' })).json();
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('session.expired');
    expect(hook!.body.data).toEqual({ session_id: id, sandbox: 'prod', partner_user_id: 'u-3' });
    expect((await (await api.read(id)).json()).status).toBe('expired');
  });

  it('schedules production retries as the contract asks: first within 10 s, ≥ 6 attempts over ≥ 10 min', () => {
    expect(WEBHOOK_SCHEDULE_MS[0]).toBe(0);
    expect(WEBHOOK_SCHEDULE_MS[1]).toBeLessThanOrEqual(10_000);
    expect(WEBHOOK_SCHEDULE_MS.length).toBeGreaterThanOrEqual(6);
    expect(WEBHOOK_SCHEDULE_MS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10 * 60 * 1000);
  });
});
