import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { continueSession, followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

describe('partner API: connect sessions', () => {
  let h: Harness;
  const acmeKey = newApiKey();
  const globexKey = newApiKey();
  beforeAll(async () => {
    h = await startHarness({
      env: partnersEnv([
        { id: 'acme', apiKey: acmeKey, returnUrls: ['http://localhost:4999/aep/done'], sandboxes: ['prod', 'dev'] },
        { id: 'globex', apiKey: globexKey },
      ]),
      adobe: { extraSandboxes: ['dev'] },
    });
  });
  afterAll(() => h.close());
  const acme = () => partnerApi(h.url, acmeKey);

  it('answers 401 with a Bearer challenge for a missing or unknown key, and never sets a cookie', async () => {
    const none = await fetch(`${h.url}/api/v1/connect-sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await none.json()).error.code).toBe('PARTNER_UNAUTHORIZED');
    const wrong = await partnerApi(h.url, newApiKey()).create({});
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('creates a 30-minute session whose url is our session page, with no-store and no cookie', async () => {
    const before = Date.now();
    const res = await acme().create({ partner_user_id: 'u-1' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['expires_at', 'id', 'token', 'url']);
    expect(body.url).toBe(`${h.url}/connect-sessions/${body.token}`);
    const ttl = Date.parse(body.expires_at) - before;
    expect(ttl).toBeGreaterThan(29 * 60 * 1000);
    expect(ttl).toBeLessThanOrEqual(30 * 60 * 1000 + 1000);
  });

  it.each([
    ['an unknown field', { sandbox: 'prod', admin: true }, ['admin']],
    ['a sandbox the partner may not use', { sandbox: 'staging' }, ['sandbox']],
    ['a return_url not registered', { return_url: 'https://evil.example/aep/done' }, ['return_url']],
    ['a wrongly typed field', { partner_user_id: 42 }, ['partner_user_id']],
  ])('answers 400 with the offending fields for %s', async (_name, body, fields) => {
    const res = await acme().create(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'REQUEST_INVALID', message: expect.any(String), fields } });
  });

  it('refuses non-JSON, a wrong content type and an oversized body with clear 4xx codes', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${h.url}/api/v1/connect-sessions`, { method: 'POST', headers: { authorization: `Bearer ${acmeKey}`, ...headers }, body });
    const notJson = await post({ 'content-type': 'application/json' }, '{sandbox:');
    expect([notJson.status, (await notJson.json()).error.code]).toEqual([415, 'REQUEST_NOT_JSON']);
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'sandbox=prod');
    expect([form.status, (await form.json()).error.code]).toEqual([415, 'REQUEST_NOT_JSON']);
    const big = await post({ 'content-type': 'application/json' }, JSON.stringify({ partner_state: 'x'.repeat(70_000) }));
    expect([big.status, (await big.json()).error.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
  });

  it('shows the session page in the language the partner asked for', async () => {
    const { url } = await (await acme().create({ locale: 'fr' })).json();
    const html = await (await h.browser('en').get(url)).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('vous demande de connecter HubSpot');
  });

  it('answers unknown partner API routes with the API’s JSON error shape', async () => {
    const res = await fetch(`${h.url}/api/v1/connect-sessions/x/y`, { method: 'DELETE', headers: { authorization: `Bearer ${acmeKey}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String), fields: [] } });
  });

  it('lets a partner read only its own sessions: another partner gets the same 404 as an unknown id', async () => {
    const { id } = await (await acme().create({})).json();
    expect((await acme().read(id)).status).toBe(200);
    const other = await partnerApi(h.url, globexKey).read(id);
    expect(other.status).toBe(404);
    expect((await partnerApi(h.url, globexKey).read('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('goes pending → completed with the connection, hub and no token; the used url starts nothing', async () => {
    const { id, url, token } = await (await acme().create({ sandbox: 'dev', partner_user_id: 'u-7' })).json();
    expect(await (await acme().read(id)).json()).toEqual({ id, status: 'pending', sandbox: 'dev', partner_user_id: 'u-7' });
    const run = await followSession(h.browser(), url);
    expect(run.html).toContain('acme portal');
    expect(run.html).toMatch(/data-testid="sandbox">dev</);
    expect(run.html).toContain(h.config.adobe.imsOrg);
    expect(run.location).toMatch(/^\/result\//);
    const done = await (await acme().read(id)).json();
    expect(done).toMatchObject({ id, status: 'completed', sandbox: 'dev', reconnected: false, hub_id: expect.any(Number) });
    expect(h.sandbox.flowService.connections().map((c) => c.id)).toContain(done.connection_id);
    expect(JSON.stringify(done)).not.toContain(token);
    expect(h.logLines.join('')).not.toContain(token);
    expect(h.logLines.join('')).toContain('/connect-sessions/[token]');
    // DATAFLOW defaults to offer: the dataflow waits for the user's click on our result page.
    expect(done.dataflow).toEqual({ status: 'offered', warnings: [] });
    expect(Object.keys(done).sort()).toEqual([
      'connection_id',
      'dataflow',
      'hub_domain',
      'hub_id',
      'id',
      'partner_user_id',
      'reconnected',
      'sandbox',
      'status',
    ]);

    const again = await h.browser().get(url);
    expect(again.status).toBe(409);
    const go = await continueSession(h.browser(), url);
    expect(go.status).toBe(409);
    expect(go.headers.get('location')).toBeNull();
  });

  it('is single use: a second "Connect HubSpot" on the same session starts no second flow', async () => {
    const { url } = await (await acme().create({})).json();
    const browser = h.browser();
    const first = await continueSession(browser, url);
    expect(first.status).toBe(303);
    const second = await continueSession(h.browser(), url);
    expect(second.status).toBe(409);
  });

  it('reads as expired after 30 minutes unused, and its url then starts nothing', async () => {
    const { id, url } = await (await acme().create({})).json();
    h.clock.advance(30 * 60 * 1000 + 1);
    try {
      expect((await (await acme().read(id)).json()).status).toBe('expired');
      const page = await h.browser().get(url);
      expect(page.status).toBe(410);
      expect((await continueSession(h.browser(), url)).status).toBe(410);
    } finally {
      h.clock.advance(-(30 * 60 * 1000 + 1));
    }
  });
});
