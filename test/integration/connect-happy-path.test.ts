import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

describe('Connect HubSpot, happy path over real HTTP against the simulators', () => {
  let h: Harness;
  /** One complete click-through, made before any test, that the tests below each examine. */
  let run: Awaited<ReturnType<Harness['connect']>>;
  beforeAll(async () => {
    h = await startHarness();
    run = await h.connect(h.browser());
  });
  afterAll(() => h.close());

  it('shows the org, the sandbox and a Connect HubSpot link on the home page', async () => {
    const res = await h.browser().get(`${h.url}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Connect HubSpot');
    expect(html).toContain(h.config.adobe.imsOrg);
    expect(html).toMatch(/data-testid="sandbox">prod</);
    expect(html).toContain('href="/connect"');
  });

  it('sends the browser to HubSpot with state, PKCE S256, the registered redirect URI and %20-separated scopes', async () => {
    const authorizeUrl = await h.startConnect(h.browser());
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(h.config.hubspot.authorizeUrl);
    expect(url.searchParams.get('client_id')).toBe(h.config.hubspot.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${h.url}/oauth/callback`);
    expect(url.searchParams.get('scope')).toBe(h.config.hubspot.scopes.join(' '));
    expect(authorizeUrl).toContain('scope=oauth%20crm.objects.contacts.read');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // ≥128 bits: 32 random bytes in base64url, then the issue time (src/flows/flow-state.ts).
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}\.[0-9a-z]+$/);
  });

  it('ends on a result page with the connection id, the portal and the sandbox, after a 303 that drops the code', async () => {
    expect(run.callback.status).toBe(303);
    expect(run.callback.headers.get('location')).toMatch(/^\/result\/[0-9a-f-]{36}$/);
    expectConnected(h, run);

    const [stored] = h.sandbox.flowService.connections();
    expect(stored).toBeDefined();
    expect(run.html).toContain(`data-testid="connection-id">${stored!.id}<`);
    expect(run.html).toContain('acme-demo.hubspot.com');
    expect(run.html).toContain('20456789');
    expect(run.html).toMatch(/data-testid="sandbox">prod</);
    expect(run.html).toContain('Hubspot.Contacts');
  });

  it('sends Flow Service exactly the documented request: five headers and the seed body', async () => {
    const posts = h.sandbox.flowService.requests.find('POST', /\/connections$/);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    const imsToken = /^Bearer (.+)$/.exec(String(post.headers.authorization))?.[1];
    expect(imsToken && h.sandbox.ims.verify(imsToken)).toBeTruthy();
    expect(post.headers['x-api-key']).toBe(h.config.adobe.clientId);
    expect(post.headers['x-gw-ims-org-id']).toBe(h.config.adobe.imsOrg);
    expect(post.headers['x-sandbox-name']).toBe('prod');
    expect(post.headers['content-type']).toBe('application/json');

    const body = JSON.parse(post.rawBody);
    const { accessToken, refreshToken } = body.auth.params;
    expect(body).toEqual({
      name: 'HubSpot acme-demo.hubspot.com (20456789)',
      description: expect.stringMatching(/^HubSpot hub \d+ · managed by hubspot-aep-connect$/),
      auth: {
        specName: 'Basic Authentication',
        params: { clientId: h.config.hubspot.clientId, clientSecret: h.config.hubspot.clientSecret, accessToken, refreshToken },
      },
      connectionSpec: { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' },
    });
    // The tokens are the ones HubSpot issued for this portal.
    const introspection = await fetch(`${h.config.hubspot.apiBaseUrl}/oauth/2026-03/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: h.config.hubspot.clientId, client_secret: h.config.hubspot.clientSecret, token: accessToken }),
    }).then((r) => r.json());
    expect(introspection).toMatchObject({ active: true, hub_id: 20456789 });
    expect(refreshToken).toMatch(/^na1-/);
  });

  it('uses the 2026-03 token endpoint with client credentials and PKCE verifier in the form body', async () => {
    const [exchange] = h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token');
    expect(exchange).toBeDefined();
    expect(exchange!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(exchange!.headers.authorization).toBeUndefined();
    const form = new URLSearchParams(exchange!.rawBody);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('client_secret')).toBe(h.config.hubspot.clientSecret);
    expect(form.get('redirect_uri')).toBe(`${h.url}/oauth/callback`);
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(exchange!.query)).toHaveLength(0);
  });
});
