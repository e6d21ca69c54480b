import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import {
  flowsAnswer,
  HEALTH_RETURN_URL as RETURN_URL,
  partnerConnection as healthPartnerConnection,
  passIntervals,
} from '../support/health.js';
import { followSession } from '../support/partners.js';
import type { startWebhookReceiver } from '../support/webhook-receiver.js';

describe('health watch: a broken HubSpot connection is noticed once, and its repair too', () => {
  let h: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
    h = receiver = undefined;
  });

  /** A partner with a webhook, one connection made through its connect session, and the connection.created hook. */
  async function partnerConnection() {
    const made = await healthPartnerConnection({
      services: { random: () => 0 },
      session: { partner_user_id: 'u-1', metadata: { tenant: 't-1' } },
    });
    ({ h, receiver } = made);
    return { ...made, receiver: made.receiver! };
  }

  const types = () => receiver!.received.map((r) => r.body.type);

  it('When the app is uninstalled, then exactly one connection.unhealthy with a working reconnect link, however many intervals pass; the reconnect sends exactly one connection.recovered', async () => {
    const { h, receiver, connection } = await partnerConnection();
    h.sandbox.hubspot.uninstallApp();

    await passIntervals(h, 13);
    await receiver.waitFor(2, 15_000);
    expect(types()).toEqual(['connection.created', 'connection.unhealthy']);
    const unhealthy = receiver.received[1]!.body;
    expect(unhealthy.data).toEqual({
      connection_id: connection.id,
      hub_id: 20456789,
      partner_user_id: 'u-1',
      metadata: { tenant: 't-1' },
      status: 'needs_reauth',
      reason: 'credentials_rejected',
      detected_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reconnect: {
        session_id: expect.any(String),
        url: expect.stringContaining(`${h.url}/connect-sessions/`),
        expires_at: expect.any(String),
      },
    });
    const reconnect = unhealthy.data['reconnect'] as { url: string; expires_at: string };
    // The reconnect session is created just after detection and lives 168 h from its own creation, so its expiry is
    // 168 h after detected_at, give or take the milliseconds between the two reads of the clock.
    const lifetime = Date.parse(reconnect.expires_at) - Date.parse(String(unhealthy.data['detected_at']));
    expect(lifetime).toBeGreaterThanOrEqual(168 * 60 * 60 * 1000);
    expect(lifetime).toBeLessThan(168 * 60 * 60 * 1000 + 5_000);
    expect(await h.services.connections.get(connection.id)).toMatchObject({ status: 'needs_reauth', lastError: 'credentials_rejected' });
    // Three connection tests in 13 hours (every 6 h), however many ticks.
    expect(h.sandbox.flowService.requests.find('GET', /\/test$/)).toHaveLength(3);

    const repaired = await followSession(h.browser(), reconnect.url);
    expect(repaired.location.startsWith(RETURN_URL)).toBe(true);
    await receiver.waitFor(4, 15_000);
    await passIntervals(h, 13);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(types()).toEqual(['connection.created', 'connection.unhealthy', 'connection.updated', 'connection.recovered']);
    expect(receiver.received[3]!.body.data).toMatchObject({
      connection_id: connection.id,
      hub_id: 20456789,
      partner_user_id: 'u-1',
      metadata: { tenant: 't-1' },
      status: 'active',
    });
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(await h.services.connections.get(connection.id)).toMatchObject({ status: 'active' });
  });

  it('When runs fail while the connection test passes, then connection.unhealthy says runs_failing; a later good run recovers it', async () => {
    const { h, receiver, connection } = await partnerConnection();
    await h.services.connections.update(connection.id, { dataflow: { flowId: 'flow-1' }, at: h.clock.now() });
    flowsAnswer(h, [{ id: 'flow-1', run: { id: 'run-1', state: 'success' } }]);
    await passIntervals(h, 1);
    flowsAnswer(h, [{ id: 'flow-1', run: { id: 'run-2', state: 'failed' } }]);
    const testsBefore = h.sandbox.flowService.requests.find('GET', /\/test$/).length;
    await passIntervals(h, 3);

    await receiver.waitFor(2, 15_000);
    expect(receiver.received[1]!.body).toMatchObject({
      type: 'connection.unhealthy',
      data: { connection_id: connection.id, status: 'error', reason: 'runs_failing' },
    });
    // The failed run is read once, and the test brought forward at once, not at its six-hour turn.
    expect(h.sandbox.flowService.requests.find('GET', /\/runs\/run-2$/)).toHaveLength(1);
    expect(h.sandbox.flowService.requests.find('GET', /\/test$/).length).toBe(testsBefore + 1);

    flowsAnswer(h, [{ id: 'flow-1', run: { id: 'run-3', state: 'success' } }]);
    await passIntervals(h, 2);
    await receiver.waitFor(3, 15_000);
    expect(types()).toEqual(['connection.created', 'connection.unhealthy', 'connection.recovered']);
  });

  it('When Adobe answers 503 and 429 throughout, then no event, the status stays, last_error says why, and Retry-After is honoured', async () => {
    const { h, connection } = await partnerConnection();
    h.sandbox.hubspot.uninstallApp();
    const faults = h.sandbox.flowService.faults;
    faults.inject({ method: 'GET', path: /\/test$/ }, { status: 503 }, 2);
    faults.inject({ method: 'GET', path: /\/test$/ }, { status: 429, headers: { 'retry-after': '36000' } }, Infinity);

    // A day of hourly ticks. The test is due at every tick while unanswered; but after a 429 asking for ten hours,
    // nothing is sent to the org for ten hours: 503, 503, 429 (t = 3 h), then t = 13 h and t = 23 h only.
    await passIntervals(h, 24);
    expect(h.sandbox.flowService.requests.find('GET', /\/test$/)).toHaveLength(5);
    const row = await h.services.connections.get(connection.id);
    expect(row).toMatchObject({ status: 'active', lastError: expect.stringMatching(/429|AEP_RETRY_AFTER/) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(types()).toEqual(['connection.created']);
  });
});
