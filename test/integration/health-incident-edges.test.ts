import { afterEach, describe, expect, it } from 'vitest';
import { pressDataflowButton } from '../support/dataflow.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startHarness, TestClock, type Harness } from '../support/harness.js';
import { partnerConnection as healthPartnerConnection, passIntervals, registeredConnection } from '../support/health.js';
import { connectionsApi } from '../support/partners.js';
import type { startWebhookReceiver } from '../support/webhook-receiver.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The JSON log lines about one event type. */
const logsOf = (h: Harness, event: string) =>
  h.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === event);

describe('health incidents: what must not close, leak or outlive them', () => {
  let h: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
    h = receiver = undefined;
  });

  /** One partner (with a webhook when `webhook`), one connection made through its connect session. */
  async function partnerConnection(webhook: boolean, env: Record<string, string> = {}) {
    const made = await healthPartnerConnection({ webhook, env });
    ({ h, receiver } = made);
    return made;
  }

  it('When the dataflow is created while an incident is open, then the incident stays open and nothing says recovered', async () => {
    h = await startHarness();
    const browser = h.browser();
    const run = await h.connect(browser);
    const connection = await registeredConnection(h);
    h.sandbox.hubspot.uninstallApp();
    await passIntervals(h, 1);
    expect(await h.services.health.state.incident(connection.id)).toMatchObject({ reason: 'credentials_rejected' });

    // dataflow.started, then dataflow.created (or .failed): each carries the connection id, none is a reconnect.
    await pressDataflowButton(h, browser, run.resultUrl);
    expect(await h.services.health.state.incident(connection.id)).toMatchObject({ reason: 'credentials_rejected' });
    expect(await h.services.connections.get(connection.id)).toMatchObject({ status: 'needs_reauth' });
    expect(logsOf(h, 'connection.recovered')).toEqual([]);
  });

  it('When a partner has no webhook, then the unhealthy log line names the reconnect session, never its token', async () => {
    const { h, connection } = await partnerConnection(false);
    h.sandbox.hubspot.uninstallApp();
    await passIntervals(h, 1);
    const reconnect = (await h.services.health.state.incident(connection.id))?.reconnect;
    const token = reconnect!.url.split('/connect-sessions/')[1]!;
    expect(token.length).toBeGreaterThan(16);
    expect(logsOf(h, 'connection.unhealthy')).toEqual([
      expect.objectContaining({ level: 40, connectionId: connection.id, reconnectSessionId: reconnect!.session_id }),
    ]);
    expect(h.logLines.join('\n')).not.toContain(token);
  });

  it('When a connection is deleted, then its retained refresh token and the watch’s memory of it go too', async () => {
    const { h, key, connection } = await partnerConnection(true, { HEALTH_WATCH_RETAIN_REFRESH_TOKEN: 'true' });
    h.sandbox.hubspot.uninstallApp();
    await passIntervals(h, 1);
    const kept = () =>
      Promise.all(['health', 'health-incident', 'health-token'].map((prefix) => h.services.store.get(`${prefix}:${connection.id}`)));
    expect(await kept()).toEqual([expect.anything(), expect.anything(), expect.anything()]);

    expect((await connectionsApi(h.url, key).delete(connection.id)).status).toBe(200);
    expect(await kept()).toEqual([undefined, undefined, undefined]);
  });

  it('When the retained refresh token keeps answering introspection, then it outlives its 90 days of keeping', async () => {
    const clock = new TestClock();
    h = await startHarness({ clock, store: new MemoryStore({ now: clock.now }), env: { HEALTH_WATCH_RETAIN_REFRESH_TOKEN: 'true' } });
    await h.connect(h.browser());
    const connection = await registeredConnection(h);
    const introspections = () => h!.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token/introspect').length;
    const before = introspections();
    // Four checks 30 days apart, each introspecting: 120 days after the token was kept, it is still there.
    await passIntervals(h, 4, 30 * DAY_MS);
    expect(introspections() - before).toBe(4);
    expect(await h.services.store.get(`health-token:${connection.id}`)).toEqual(expect.any(String));
  });
});
