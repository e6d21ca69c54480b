import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { passIntervals, registeredConnection } from '../support/health.js';

/** The lines the service logged at warn about an unhealthy connection. */
const unhealthyLogs = (h: Harness) =>
  h.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'connection.unhealthy');

describe('health watch with the refresh token kept: introspection names the cause; no partner, so incidents are logged', () => {
  let h: Harness;
  let connectionId: string;
  beforeAll(async () => {
    h = await startHarness({ env: { HEALTH_WATCH_RETAIN_REFRESH_TOKEN: 'true' } });
    await h.connect(h.browser());
    connectionId = (await registeredConnection(h)).id;
  });
  afterAll(() => h.close());

  it('keeps the refresh token only sealed: it is in no log and in the store only as ciphertext', async () => {
    const refresh = String(h.sandbox.flowService.connections()[0]!.auth.params['refreshToken']);
    const sealed = await h.services.store.get<string>(`health-token:${connectionId}`);
    expect(sealed).toEqual(expect.any(String));
    expect(sealed).not.toContain(refresh);
    expect(h.logLines.join('\n')).not.toContain(refresh);
  });

  it('When the app is uninstalled, then the incident is grant_revoked, logged once at warn with a link to the home page', async () => {
    h.sandbox.hubspot.uninstallApp();
    await passIntervals(h, 30);
    const logs = unhealthyLogs(h);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 40, connectionId, reason: 'grant_revoked', reconnectUrl: `${h.url}/` });
    expect(await h.services.connections.get(connectionId)).toMatchObject({ status: 'needs_reauth', lastError: 'grant_revoked' });
    const introspections = h.sandbox.hubspot.requests
      .find('POST', '/oauth/2026-03/token/introspect')
      .filter((r) => new URLSearchParams(r.rawBody).get('token_type_hint') === 'refresh_token');
    // 30 hourly ticks: the first, then a day later; never a refresh.
    expect(introspections).toHaveLength(2);
    const refreshes = h.sandbox.hubspot.requests.find('POST', /\/token$/).filter((r) => r.rawBody.includes('grant_type=refresh_token'));
    expect(refreshes).toHaveLength(0);
  });

  it('When the portal connects again, then it recovers at once; a scope taken away later is scopes_reduced', async () => {
    await h.connect(h.browser());
    expect(await h.services.connections.get(connectionId)).toMatchObject({ status: 'active' });
    expect(h.logLines.some((l) => l.includes('"event":"connection.recovered"'))).toBe(true);

    h.sandbox.hubspot.removeScope('crm.objects.contacts.read');
    await passIntervals(h, 25);
    const logs = unhealthyLogs(h);
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatchObject({ connectionId, reason: 'scopes_reduced' });
  });

  it('When HubSpot answers 429 with Retry-After, then introspection waits for it (the status stays as it was)', async () => {
    const introspections = () =>
      h.sandbox.hubspot.requests
        .find('POST', '/oauth/2026-03/token/introspect')
        .filter((r) => new URLSearchParams(r.rawBody).get('token_type_hint') === 'refresh_token').length;
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: '/oauth/2026-03/token/introspect' },
      { status: 429, headers: { 'retry-after': String(40 * 60 * 60) } },
      Infinity,
    );
    const before = introspections();
    // Three days of hourly ticks: due at the first, then told to wait 40 h, asked again after them: two calls, not 72.
    await passIntervals(h, 72);
    expect(introspections() - before).toBe(2);
    expect(await h.services.connections.get(connectionId)).toMatchObject({ status: 'needs_reauth' });
  });
});
