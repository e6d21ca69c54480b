import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { continueSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

const PARTNER_ORIGIN = 'http://127.0.0.1:4321';

describe('security headers, route by route', () => {
  let h: Harness;
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({
      env: { ...partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [PARTNER_ORIGIN] }]), PUBLIC_CONNECT: 'false' },
    });
  });
  afterAll(() => h.close());
  const newSession = async () => (await (await partnerApi(h.url, key).create({})).json()) as { id: string; token: string; url: string };

  it('top-level pages: strict CSP without script, no framing, no referrer', async () => {
    const res = await fetch(`${h.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the session page: top-level policy, never cached (its URL carries the token), no referrer to HubSpot', async () => {
    const res = await fetch((await newSession()).url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const popup = await fetch(`${(await newSession()).url}?mode=popup`);
    expect(popup.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
  });

  it('the iframe widget page: framable only by the partner’s embed origins, and sets no cookie', async () => {
    const res = await fetch(`${(await newSession()).url}?mode=iframe`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-ancestors ${PARTNER_ORIGIN}`);
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toMatch(/<form method="post" action="[^"]+\/continue\?mode=popup" target="_blank" rel="noopener"[^>]*>/);
  });

  it('…/continue: GET and HEAD show the page and start nothing; only a same-origin POST starts the flow', async () => {
    const { url, id } = await newSession();
    const browser = h.browser();
    const head = await browser.request(`${url}/continue`, { method: 'HEAD' });
    const get = await browser.get(`${url}/continue`);
    expect([head.status, get.status]).toEqual([200, 200]);
    expect(head.headers.get('location')).toBeNull();
    expect(await get.text()).toContain('data-testid="session-title"');
    expect((await (await partnerApi(h.url, key).read(id)).json()).status).toBe('pending');
    // The form's answer redirects to HubSpot, so CSP form-action must allow that origin on this page only.
    const authorizeOrigin = new URL(h.config.hubspot.authorizeUrl).origin;
    expect(get.headers.get('content-security-policy')).toContain(`form-action 'self' ${authorizeOrigin}`);
    const go = await continueSession(browser, url);
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toMatch(new RegExp(`^${authorizeOrigin}`));
  });

  it('…/continue: a POST from another origin, or marked cross-site by the browser, starts nothing (as Retry)', async () => {
    const { url } = await newSession();
    const post = (headers: Record<string, string>) => h.browser().request(`${url}/continue`, { method: 'POST', headers, body: '' });
    const foreign = await post({ origin: PARTNER_ORIGIN });
    const crossSite = await post({ 'sec-fetch-site': 'cross-site' });
    expect([foreign.status, crossSite.status]).toEqual([404, 404]);
    expect(foreign.headers.get('location')).toBeNull();
    // Still usable: the refused POSTs claimed nothing.
    expect((await continueSession(h.browser(), url)).status).toBe(303);
  });

  it('the API: no-store, no cookie, no CORS', async () => {
    const res = await fetch(`${h.url}/api/v1/connect-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', origin: PARTNER_ORIGIN },
      body: '{}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('embed.js: loadable cross-origin (CORP cross-origin), as JavaScript', async () => {
    const res = await fetch(`${h.url}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toContain('window.HubSpotAEPConnect');
  });

  it('the SDK status endpoint: CORS only for the partner’s exact embed origin, token in a header only', async () => {
    const { token, id } = await newSession();
    const ask = (origin: string, headers: Record<string, string> = { 'HubSpot-AEP-Session-Token': token }) =>
      fetch(`${h.url}/embed/v1/session`, { headers: { origin, ...headers } });
    const ok = await ask(PARTNER_ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    expect(ok.headers.get('vary')).toContain('Origin');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ session_id: id, status: 'pending', has_return_url: false });
    for (const other of ['http://127.0.0.1:4322', 'http://localhost:4321', 'http://127.0.0.1:4321.evil.example', 'null']) {
      const res = await ask(other);
      expect(res.status).toBe(404);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect((await ask(PARTNER_ORIGIN, {})).status).toBe(404);
    const preflight = await fetch(`${h.url}/embed/v1/session`, {
      method: 'OPTIONS',
      headers: {
        origin: PARTNER_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'hubspot-aep-session-token',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('HubSpot-AEP-Session-Token');
  });

  it('PUBLIC_CONNECT=false: the anonymous /connect flow is off, connect sessions still work', async () => {
    expect((await h.browser().get(`${h.url}/connect`)).status).toBe(404);
    const home = await (await h.browser().get(`${h.url}/`)).text();
    expect(home).not.toContain('href="/connect"');
    expect(home).toContain('data-testid="partners-only"');
    const go = await continueSession(h.browser(), (await newSession()).url);
    expect(go.status).toBe(303);
  });
});
