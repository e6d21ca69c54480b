import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';
import { knownSecrets } from '../support/secrets.js';

describe('pages, headers, languages and logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('The result page is no-store, no-referrer, unframeable, and loads nothing from another origin', async () => {
    const run = await h.connect(h.browser());
    const headers = run.result.headers;
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('content-security-policy')).toContain("script-src 'none'");
    const urls = [...run.html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    // Same-origin links only, except the one link out to Adobe's Sources workspace (a navigation, not a load).
    for (const url of urls.filter((u) => u !== 'https://experience.adobe.com/#/platform/source')) expect(url).toMatch(/^\/(?!\/)/);
  });

  it('The session cookie is HttpOnly and SameSite=Lax, and not Secure on http://localhost', async () => {
    const res = await h.browser().get(`${h.url}/connect`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hac.sid='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it('The home page speaks French to a French browser, and the switch changes it back to English', async () => {
    const browser = h.browser('fr-FR,fr;q=0.9,en;q=0.5');
    const fr = await (await browser.get(`${h.url}/`)).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('Connecter HubSpot à Adobe Experience Platform');
    expect(fr).toMatch(/data-testid="connect">Connecter HubSpot</);
    const en = await (await browser.get(`${h.url}/?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Connect HubSpot to Adobe Experience Platform');
    // The choice sticks for later pages.
    const again = await (await browser.get(`${h.url}/`)).text();
    expect(again).toContain('<html lang="en">');
  });

  it('In demo mode every page says that HubSpot and Adobe are simulated, without the word sandbox', async () => {
    const html = await (await h.browser().get(`${h.url}/`)).text();
    const banner = html.match(/<p class="banner"[^]*?<\/p>/)?.[0] ?? '';
    expect(banner).toContain('Demo mode: HubSpot and Adobe');
    // Every simulator startDemo runs is named, so nobody takes a demo dataflow for a real one.
    for (const simulated of ['IMS', 'Flow Service', 'Schema Registry', 'Catalog', 'Data Prep']) expect(banner).toContain(simulated);
    expect(banner).not.toMatch(/sandbox/i);
  });

  it('Error pages are translated too', async () => {
    const res = await h.browser('fr').get(`${h.url}/oauth/callback?code=x`);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('Recommencer');
    expect(html).toContain('La connexion n’a pas été créée');
  });

  it('API clients get JSON errors with a stable code', async () => {
    const res = await fetch(`${h.url}/oauth/callback?code=x`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'STATE_MISSING', message: expect.any(String), retry: true, remedy: 'restart' } });
  });

  it('Unknown pages are 404 with the error page', async () => {
    const res = await h.browser().get(`${h.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('NOT_FOUND');
  });

  it('Logs have one structured line per request and no token, secret, code, state or cookie', async () => {
    const browser = h.browser();
    const run = await h.connect(browser);
    expectConnected(h, run);
    const lines = h.logLines.map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.some((l) => l.req.path === '/oauth/callback' && l.res.status === 303 && l.requestId)).toBe(true);
    const text = h.logLines.join('');
    const state = new URL(run.authorizeUrl).searchParams.get('state')!;
    const cookie = browser.cookieHeaderFor('localhost');
    expect(cookie).not.toBe('');
    for (const secret of [...knownSecrets(h), state, cookie.split('=')[1]!]) {
      expect(text.includes(secret), `log leaks ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
