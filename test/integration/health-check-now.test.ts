import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startHarness, TestClock, type Harness } from '../support/harness.js';
import { registeredConnection } from '../support/health.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const RETURN_URL = 'https://portal.example.com/aep/done';

describe('POST /api/v1/connections/{id}/check (check now), with HEALTH_WATCH=false', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let key: string;
  let connectionId: string;
  const clock = new TestClock();
  const check = (id = connectionId, apiKey = key) =>
    fetch(`${h.url}/api/v1/connections/${id}/check`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
  const types = () => receiver.received.map((r) => r.body.type);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    key = newApiKey();
    h = await startHarness({
      clock,
      store: new MemoryStore({ now: clock.now }),
      env: {
        HEALTH_WATCH: 'false',
        ...partnersEnv([
          { id: 'acme', apiKey: key, webhookUrl: receiver.url, webhookSecret: 'whsec_0123456789', returnUrls: [RETURN_URL] },
          { id: 'other', apiKey: 'hac_test_other_partner_key_0123456789' },
        ]),
      },
      services: { webhookSchedule: [0, 20, 40] },
    });
    // An end user and metadata, so the health webhooks' bodies are checked against the document with them.
    const session = { return_url: RETURN_URL, partner_user_id: 'u-9', metadata: { tenant: 't-9' } };
    const { url } = await (await partnerApi(h.url, key).create(session)).json();
    await followSession(h.browser(), url);
    await receiver.waitFor(1, 15_000);
    connectionId = (await registeredConnection(h)).id;
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('answers the connection as GET does, checked now, active, with no event', async () => {
    const before = clock.now();
    const res = await check();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: connectionId, status: 'active', last_error: null });
    expect(Date.parse(body.last_checked_at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.last_checked_at)).toBeLessThanOrEqual(clock.now());
    expect(h.sandbox.flowService.requests.find('GET', /\/test$/)).toHaveLength(1);
  });

  it('When a second check comes within the minute, then 429 with Retry-After, and Adobe is not called', async () => {
    clock.advance(20_000);
    const res = await check();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(40);
    expect((await res.json()).error.code).toBe('CHECK_TOO_SOON');
    expect(h.sandbox.flowService.requests.find('GET', /\/test$/)).toHaveLength(1);
  });

  it('When the app was uninstalled, then the check turns the status to needs_reauth and sends one connection.unhealthy', async () => {
    h.sandbox.hubspot.uninstallApp();
    clock.advance(41_000);
    const res = await check();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'needs_reauth', last_error: 'credentials_rejected' });
    await receiver.waitFor(2, 15_000);
    expect(types()).toEqual(['connection.created', 'connection.unhealthy']);
  });

  it('When Adobe answers 503, then 200 with the status unchanged and last_error saying why, and no event', async () => {
    clock.advance(61_000);
    h.sandbox.flowService.faults.inject({ method: 'GET', path: /\/test$/ }, { status: 503 });
    const res = await check();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'needs_reauth', last_error: 'AEP answered 503' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(types()).toEqual(['connection.created', 'connection.unhealthy']);
  });

  it('When the user reconnects, then connection.recovered goes out at once and the next check finds it active', async () => {
    const [, unhealthy] = await receiver.waitFor(2, 15_000);
    await followSession(h.browser(), String((unhealthy!.body.data['reconnect'] as { url: string }).url));
    await receiver.waitFor(4, 15_000);
    expect(types()).toEqual(['connection.created', 'connection.unhealthy', 'connection.updated', 'connection.recovered']);
    clock.advance(61_000);
    expect(await (await check()).json()).toMatchObject({ status: 'active', last_error: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(4);
  });

  it('answers and posts what the served OpenAPI document describes: the connection, the 429, both webhooks', async () => {
    const doc = (await (await fetch(`${h.url}/api/v1/openapi.json`)).json()) as { components: unknown };
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ components: doc.components }, 'doc');
    const valid = (name: string, body: unknown) => {
      const validate = ajv.compile({ $ref: `doc#/components/schemas/${name}` });
      expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
    };
    clock.advance(61_000);
    valid('Connection', await (await check()).json());
    valid('Error', await (await check()).json());
    const health = receiver.received.filter((r) => ['connection.unhealthy', 'connection.recovered'].includes(r.body.type));
    expect(health).toHaveLength(2);
    for (const hook of health) {
      expect(hook.body.data).toMatchObject({ partner_user_id: 'u-9', metadata: { tenant: 't-9' } });
      valid('HealthEvent', hook.body);
    }
  });

  it('keeps the health events in the event log, listable by type', async () => {
    const list = async (type: string) =>
      (await (await fetch(`${h.url}/api/v1/events?type=${type}`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
        data: { type: string; data: { connection_id: string } }[];
      };
    expect((await list('connection.unhealthy')).data).toMatchObject([
      { type: 'connection.unhealthy', data: { connection_id: connectionId } },
    ]);
    expect((await list('connection.recovered')).data).toHaveLength(1);
  });

  it('counts checks by outcome and connections by status in the metrics', async () => {
    const text = await h.services.metrics.registry.metrics();
    expect(text).toMatch(/hac_health_checks_total\{outcome="healthy"\} [1-9]/);
    expect(text).toMatch(/hac_health_checks_total\{outcome="unhealthy"\} [1-9]/);
    expect(text).toMatch(/hac_health_checks_total\{outcome="unknown"\} 1\b/);
    expect(text).toMatch(/hac_connections\{status="active"\} 1\b/);
  });

  it("answers 404 for another partner's connection, and 401 without a key", async () => {
    expect((await check(connectionId, 'hac_test_other_partner_key_0123456789')).status).toBe(404);
    expect((await fetch(`${h.url}/api/v1/connections/${connectionId}/check`, { method: 'POST' })).status).toBe(401);
  });
});
