import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredFlow } from '../../../src/demo/adobe/flow-service/types.js';
import { hubspotGrantHooks } from '../../../src/demo/hubspot-grant-hooks.js';
import { startHarness, type Harness } from '../../support/harness.js';

/** The connection test as the service's own Adobe client would send it (five headers, the deployment's org). */
async function testConnection(h: Harness, id: string): Promise<{ status: number; body: unknown }> {
  const adobe = h.services.adobe;
  const token = await adobe.forTarget(adobe.defaultTarget).ims.getToken();
  const res = await fetch(`${h.sandbox.flowService.baseUrl}/connections/${id}/test`, {
    headers: {
      authorization: `Bearer ${token}`,
      'x-api-key': h.config.adobe.clientId,
      'x-gw-ims-org-id': h.config.adobe.imsOrg,
      'x-sandbox-name': h.config.adobe.sandboxName,
    },
  });
  return { status: res.status, body: await res.json() };
}

describe('HubSpot simulator grants, and the Flow Service connection test that depends on them', () => {
  let h: Harness;
  let connectionId: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.connect(h.browser());
    connectionId = h.sandbox.flowService.connections()[0]!.id;
  });
  afterAll(() => h.close());

  it('When the app is uninstalled from the portal, then the test answers 200 {result:false}; a reconnect makes it pass again', async () => {
    expect(await testConnection(h, connectionId)).toEqual({ status: 200, body: { result: true } });

    expect(h.sandbox.hubspot.uninstallApp()).toBe(1);
    const stored = h.sandbox.flowService.connections()[0]!;
    expect(h.sandbox.hubspot.grantOf(String(stored.auth.params['refreshToken']))).toEqual({ active: false, scopes: [] });
    expect(await testConnection(h, connectionId)).toEqual({ status: 200, body: { result: false } });

    // A new consent issues a new grant; the service PATCHes the new tokens into the same connection.
    await h.connect(h.browser());
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(await testConnection(h, connectionId)).toEqual({ status: 200, body: { result: true } });
  });

  it('When a required scope is taken away from the grant, then the test fails until a new consent restores it', async () => {
    expect(h.sandbox.hubspot.removeScope('crm.objects.contacts.read')).toBeGreaterThan(0);
    const refresh = String(h.sandbox.flowService.connections()[0]!.auth.params['refreshToken']);
    const grant = h.sandbox.hubspot.grantOf(refresh);
    expect(grant.active).toBe(true);
    expect(grant.scopes).not.toContain('crm.objects.contacts.read');
    expect(await testConnection(h, connectionId)).toEqual({ status: 200, body: { result: false } });

    await h.connect(h.browser());
    expect(await testConnection(h, connectionId)).toEqual({ status: 200, body: { result: true } });
  });

  it("When the grant is revoked, then the flow's scheduled runs fail until a reconnect", async () => {
    const hooks = hubspotGrantHooks(h.sandbox.hubspot, h.config.hubspot.scopes);
    const flow = {} as StoredFlow;
    const connection = () => h.sandbox.flowService.connections()[0]!;
    expect(await hooks.runOutcome(flow, connection())).toBe('success');
    h.sandbox.hubspot.uninstallApp();
    expect(await hooks.runOutcome(flow, connection())).toMatchObject({ failed: true, errors: [{ code: expect.any(String) }] });
    expect(await hooks.runOutcome(flow, undefined)).toMatchObject({ failed: true });
    await h.connect(h.browser());
    expect(await hooks.runOutcome(flow, connection())).toBe('success');
  });

  it("accepts the watch's reads as Flow Service would: the batched flows list, and the connection test", async () => {
    const { ims, flowHealth } = h.services.adobe.forTarget(h.services.adobe.defaultTarget);
    const token = await ims.getToken();
    expect(await flowHealth.lastRuns(token, ['f-1', 'f-2'])).toEqual({ known: true, value: new Map() });
    const listed = h.sandbox.flowService.requests.find('GET', /\/flows$/).at(-1)!;
    expect(listed.query).toEqual({ property: 'id==f-1,f-2', limit: '100' });
    expect(await flowHealth.testConnection(token, connectionId)).toEqual({ known: true, value: expect.any(Boolean) });
    expect(await flowHealth.runErrors(token, 'no-such-run')).toMatchObject({ known: false, why: 'AEP answered 404' });
  });

  it('When HubSpot is asked to introspect a revoked refresh token, then it answers {active:false}', async () => {
    const refresh = String(h.sandbox.flowService.connections()[0]!.auth.params['refreshToken']);
    h.sandbox.hubspot.uninstallApp(h.config.hubspot.clientId);
    const res = await fetch(`${h.sandbox.hubspot.apiBaseUrl}/oauth/2026-03/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: h.config.hubspot.clientId,
        client_secret: h.config.hubspot.clientSecret,
        token: refresh,
        token_type_hint: 'refresh_token',
      }),
    });
    expect(await res.json()).toEqual({ active: false });
  });
});
