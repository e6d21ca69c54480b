import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { en } from '../../src/i18n/messages-en.js';
import { embedVersion } from '../../src/web/routes/embed-script.js';
import { startHarness, type Harness } from '../support/harness.js';
import { continueSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

const PARTNER_ORIGIN = 'http://127.0.0.1:4321';
const OTHER_ORIGIN = 'http://localhost:4321';

/** embed.js's attach call: the page's origin is checked before any popup or widget flow may start. */
describe('embed.js attach: origin and options checked before a flow starts', () => {
  let h: Harness;
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [PARTNER_ORIGIN] }]) });
  });
  afterAll(() => h.close());
  const newSession = async () => (await (await partnerApi(h.url, key).create({})).json()) as { id: string; token: string; url: string };
  const attach = (origin: string | undefined, body: unknown) =>
    fetch(`${h.url}/embed/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json', ...(origin ? { origin } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

  it('an unregistered origin gets ORIGIN_NOT_ALLOWED (readable cross-origin) and its popup flow never reaches HubSpot', async () => {
    const session = await newSession();
    const res = await attach(OTHER_ORIGIN, { token: session.token });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
    expect(await errorCode(res)).toBe('ORIGIN_NOT_ALLOWED');
    const browser = h.browser();
    expect((await browser.get(`${session.url}?mode=popup`)).status).toBe(403);
    const go = await continueSession(browser, session.url, '?mode=popup');
    expect(go.status).toBe(403);
    expect(go.headers.get('location')).toBeNull();
    const read = (await (await partnerApi(h.url, key).read(session.id)).json()) as { status: string };
    expect(read.status).toBe('pending');
  });

  it('a request without an Origin header is refused the same way', async () => {
    const res = await attach(undefined, { token: (await newSession()).token });
    expect(await errorCode(res)).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('a registered origin attaches the session, and then its popup flow starts at HubSpot', async () => {
    const session = await newSession();
    const res = await attach(PARTNER_ORIGIN, { token: session.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER_ORIGIN);
    expect(await res.json()).toMatchObject({ session_id: session.id, status: 'pending' });
    const go = await continueSession(h.browser(), session.url, '?mode=popup');
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toContain('/oauth/authorize');
  });

  it('an unknown token is NOT_FOUND, a used session SESSION_USED', async () => {
    expect(await errorCode(await attach(PARTNER_ORIGIN, { token: 'nope' }))).toBe('NOT_FOUND');
    const session = await newSession();
    await attach(PARTNER_ORIGIN, { token: session.token });
    await continueSession(h.browser(), session.url, '?mode=popup');
    const again = await attach(PARTNER_ORIGIN, { token: session.token });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('SESSION_USED');
  });

  it.each([
    ['a colour name', { appearance: { primaryColor: 'red' } }],
    ['CSS in the colour', { appearance: { primaryColor: '#fff;background:url(x)' } }],
    ['a logo on another origin', { appearance: { logoUrl: 'https://evil.example/logo.png' } }],
    ['a javascript: logo', { appearance: { logoUrl: 'javascript:alert(1)' } }],
    ['an unknown appearance field', { appearance: { fontFamily: 'Comic Sans' } }],
    ['an unknown locale', { locale: 'de' }],
  ])('%s is refused with INVALID_OPTIONS and never reaches the page', async (_name, options) => {
    const session = await newSession();
    const res = await attach(PARTNER_ORIGIN, { token: session.token, ...options });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('INVALID_OPTIONS');
    const html = await (await fetch(`${session.url}?mode=iframe`)).text();
    expect(html).not.toContain('<style nonce');
    expect(html).not.toContain('partner-logo');
  });

  it('a body that is not JSON is INVALID_OPTIONS', async () => {
    expect(await errorCode(await attach(PARTNER_ORIGIN, 'token=abc'))).toBe('INVALID_OPTIONS');
  });

  it('valid appearance and locale dress the session page: colour under a nonce, logo from the partner’s origin, French', async () => {
    const session = await newSession();
    const logoUrl = `${PARTNER_ORIGIN}/logo.png`;
    const res = await attach(PARTNER_ORIGIN, { token: session.token, appearance: { primaryColor: '#0a66c2', logoUrl }, locale: 'fr' });
    expect(res.status).toBe(200);
    const page = await fetch(`${session.url}?mode=iframe`);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /<style nonce="([^"]+)">:root \{ --accent: #0a66c2;/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain(`img-src 'self' ${PARTNER_ORIGIN}`);
    expect(html).toContain(`src="${logoUrl}"`);
    expect(html).toContain('<html lang="fr">');
  });

  it('the popup’s last page says why it failed (here: consent declined)', async () => {
    const session = await newSession();
    await attach(PARTNER_ORIGIN, { token: session.token });
    const browser = h.browser();
    const go = await continueSession(browser, session.url, '?mode=popup');
    const consent = await decideConsent(go.headers.get('location') ?? '', 'cancel');
    const callback = await browser.get(new URL(consent.headers.get('location') ?? '', go.headers.get('location') ?? '').toString());
    const done = await browser.get(new URL(callback.headers.get('location') ?? '', h.url).toString());
    const html = await done.text();
    expect(html).toContain('data-testid="popup-reason"');
    expect(html).toContain(en['error.CONSENT_DENIED.title'].slice(0, 24));
  });

  it('framed, the page drops our header and language switch, keeps the demo banner and runs only our widget script', async () => {
    const session = await newSession();
    const page = await fetch(`${session.url}?mode=iframe`);
    const html = await page.text();
    expect(html).not.toContain('class="brand"');
    expect(html).not.toContain('class="lang"');
    expect(html).toContain('data-testid="demo-banner"');
    expect(html).toContain('<script src="/assets/widget-frame.js"></script>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('<script src="/assets/connect-button.js"></script>');
    const top = await (await fetch(session.url)).text();
    expect(top).toContain('class="brand"');
    expect(top).not.toContain('<script');
  });

  it('in the popup, the page runs only our Connect button script, from our own origin', async () => {
    const session = await newSession();
    await attach(PARTNER_ORIGIN, { token: session.token });
    const page = await fetch(`${session.url}?mode=popup`);
    const html = await page.text();
    expect([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/assets/connect-button.js">']);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('embed.js, served and pinned', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is the package’s build under /embed.js, and pinned under /embed-<version>.js or ?v=<version>; another version is 404', async () => {
    const version = embedVersion();
    const latest = await fetch(`${h.url}/embed.js`);
    const code = await latest.text();
    expect(latest.headers.get('content-type')).toContain('javascript');
    expect(latest.headers.get('cache-control')).toBe('public, max-age=300');
    expect(code).toContain('HubSpotAEPConnect');
    const pinned = await fetch(`${h.url}/embed-${version}.js`);
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(pinned.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await pinned.text()).toBe(code);
    expect(await (await fetch(`${h.url}/embed.js?v=${version}`)).text()).toBe(code);
    expect((await fetch(`${h.url}/embed.js?v=0.0.1`)).status).toBe(404);
    expect((await fetch(`${h.url}/embed-0.0.1.js`)).status).toBe(404);
  });
});
