import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { fr } from '../../src/i18n/messages-fr.js';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';

/**
 * The real click-through in Chromium (Debian's /usr/bin/chromium driven by playwright-core): our pages,
 * the HubSpot simulator's consent screen, the callback and the result page, all over real loopback HTTP.
 */

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Everything a page reported that a user (or a CSP report endpoint) would count as broken. */
interface Trouble {
  url: string;
  what: string;
}

describe('Connect HubSpot in a real browser (Chromium) against the simulators', () => {
  let h: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const trouble: Trouble[] = [];

  beforeAll(async () => {
    h = await startHarness();
    // launch() (not launchPersistentContext) gives a fresh throw-away profile on every run.
    browser = await launchChromium();
    await mkdir(RESULTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  afterEach(() => {
    // Scoped to our own origin: the simulator's pages are HubSpot's, not ours.
    const ours = trouble.filter((t) => t.url.startsWith(`${h.url}/`) || t.url === h.url);
    trouble.length = 0;
    expect(ours, 'console errors, CSP violations, page errors or failed requests on our pages').toEqual([]);
  });

  /** A fresh browser profile (cookies, language) for one test, with every page watched for trouble. */
  async function newContext(options: { locale?: string } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: options.locale ?? 'en-US' });
    contexts.push(context);
    // Runs before any page script and regardless of the page's CSP (it is injected by the driver).
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}`);
      });
    });
    context.on('page', (page) => watch(page));
    return context;
  }

  function watch(page: Page): void {
    // Error pages (e.g. CONSENT_DENIED) are deliberately 4xx documents; Chromium logs those as
    // "Failed to load resource". Only a failed subresource (stylesheet, favicon…) counts as trouble.
    const documents = new Set<string>();
    page.on('request', (req) => {
      if (req.isNavigationRequest()) documents.add(req.url());
    });
    page.on('console', (msg) => {
      const text = msg.text();
      const url = msg.location().url || page.url();
      const isCsp = /Content Security Policy|CSP violation/i.test(text);
      if (msg.type() !== 'error' && !isCsp) return;
      if (/^Failed to load resource/.test(text) && documents.has(url)) return;
      trouble.push({ url, what: `console.${msg.type()}: ${text}` });
    });
    page.on('pageerror', (err) => trouble.push({ url: page.url(), what: `pageerror: ${err.message}` }));
    page.on('requestfailed', (req) => trouble.push({ url: req.url(), what: `requestfailed ${req.method()}: ${req.failure()?.errorText}` }));
  }

  /** Home page → "Connect HubSpot" → the simulator's consent screen. */
  async function openConsent(page: Page): Promise<void> {
    await page.goto(h.url);
    await Promise.all([
      page.waitForURL((url) => url.origin === new URL(h.config.hubspot.authorizeUrl).origin),
      page.getByRole('link', { name: 'Connect HubSpot' }).click(),
    ]);
    await expect.poll(() => page.getByRole('button', { name: 'Grant' }).isVisible()).toBe(true);
  }

  it('clicking Connect HubSpot, then Grant on HubSpot, shows the new account’s connection id', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(h.url);
    await expect.poll(() => page.getByTestId('connect').isVisible()).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, 'home-page.png'), fullPage: true });

    await openConsent(page);
    expect(await page.locator('#hub-domain').textContent()).toBe('acme-demo.hubspot.com');
    await Promise.all([page.waitForURL(/\/result\//), page.getByRole('button', { name: 'Grant' }).click()]);
    await page.getByTestId('connection-id').waitFor();

    const connections = h.sandbox.flowService.connections();
    expect(connections).toHaveLength(1);
    const stored = connections[0]!;
    expect(await page.getByTestId('connection-id').textContent()).toBe(stored.id);
    expect(await page.getByTestId('result-title').textContent()).toBe(en['result.connectedTitle']);

    // The 303 from the callback took the code and state out of the address bar.
    const url = new URL(page.url());
    expect(url.origin).toBe(h.url);
    expect(url.pathname).toMatch(/^\/result\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toMatch(/code=|state=/);

    const text = await page.locator('body').innerText();
    expect(text).toContain('acme-demo.hubspot.com');
    expect(text).toContain('20456789');
    expect(await page.getByTestId('portal').textContent()).toBe('acme-demo.hubspot.com (hub id 20456789)');

    const html = await page.content();
    const { accessToken, refreshToken } = stored.auth.params as { accessToken: string; refreshToken: string };
    expect(accessToken).toEqual(expect.any(String));
    expect(refreshToken).toEqual(expect.any(String));
    for (const secret of [accessToken, refreshToken, h.config.hubspot.clientSecret, h.config.adobe.clientSecret]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(html).not.toContain(secret);
    }

    await page.screenshot({ path: join(RESULTS_DIR, 'result-page.png'), fullPage: true });
  });

  it('pressing Retry after an Adobe outage resumes the flow in the browser and shows the connection', async () => {
    // Whether this portal's connection is created or (after an earlier test) updated, the write fails.
    const connections = '/data/foundation/flowservice/connections';
    h.sandbox.flowService.faults.inject({ method: 'POST', path: connections }, { status: 503, body: '' }, Infinity);
    h.sandbox.flowService.faults.inject({ method: 'PATCH', path: /\/connections\/[^/]+$/ }, { status: 503, body: '' }, Infinity);
    try {
      const page = await (await newContext()).newPage();
      await openConsent(page);
      await Promise.all([page.waitForURL(/\/result\//), page.getByRole('button', { name: 'Grant' }).click()]);
      // Our pages are no-referrer, so Chromium sends `Origin: null` with the form: Retry must still be accepted.
      await page.getByTestId('retry-now').waitFor({ timeout: 15_000 });
      h.sandbox.flowService.faults.clear();
      await page.getByTestId('retry-now').click();
      await page.getByTestId('connection-id').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('connection-id').textContent()).toBe(h.sandbox.flowService.connections().at(-1)!.id);
    } finally {
      h.sandbox.flowService.faults.clear();
    }
  });

  it('clicking Cancel on HubSpot says nothing was connected and offers to start again', async () => {
    const before = h.sandbox.flowService.connections().length;
    const page = await (await newContext()).newPage();
    await openConsent(page);
    await Promise.all([page.waitForURL(/\/result\//), page.getByRole('button', { name: 'Cancel' }).click()]);

    expect(new URL(page.url()).origin).toBe(h.url);
    expect(page.url()).not.toMatch(/code=|state=|error=/);
    expect(await page.getByTestId('error-title').textContent()).toBe(en['error.CONSENT_DENIED.title']);
    const startAgain = page.getByRole('link', { name: 'Start again' });
    expect(await startAgain.isVisible()).toBe(true);
    expect(await startAgain.getAttribute('href')).toBe('/connect');
    expect(h.sandbox.flowService.connections()).toHaveLength(before);

    await page.screenshot({ path: join(RESULTS_DIR, 'cancelled-page.png'), fullPage: true });
  });

  it("the page follows the browser's language and the switch", async () => {
    const page = await (await newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(h.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Connecter HubSpot à Adobe Experience Platform');
    expect(await page.locator('h1').textContent()).toBe(fr['app.title']);
    await page.screenshot({ path: join(RESULTS_DIR, 'home-page-fr.png'), fullPage: true });

    await Promise.all([page.waitForURL(/[?&]lang=en\b/), page.getByRole('link', { name: 'English' }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(en['app.title']);

    // The choice is remembered over the browser's French preference.
    await page.goto(h.url);
    expect(await page.locator('h1').textContent()).toBe(en['app.title']);
  });

  it('the primary button has a contrast of at least 4.5:1 (WCAG AA) in English and French, and reads "Connecter HubSpot" in French', async () => {
    for (const [locale, label] of [
      ['en-US', en['home.button']],
      ['fr-FR', 'Connecter HubSpot'],
    ] as const) {
      const page = await (await newContext({ locale })).newPage();
      await page.goto(h.url);
      const button = page.getByTestId('connect');
      expect(await button.textContent()).toBe(label);
      for (const state of ['normal', 'hover'] as const) {
        if (state === 'hover') await button.hover();
        const ratio = await button.evaluate((el) => {
          const style = getComputedStyle(el);
          const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const luminance = (css: string) => {
            const [r = 0, g = 0, b = 0] = channels(css).map((c) => {
              const v = c / 255;
              return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const [hi, lo] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
          return (hi! + 0.05) / (lo! + 0.05);
        });
        expect(ratio, `${locale} ${state}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('on a 375 px wide phone, Connect HubSpot is visible without scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'fr-FR' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(h.url);
    const box = await page.getByTestId('connect').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(667);
    await page.screenshot({ path: join(RESULTS_DIR, 'home-page-375.png') });
  });

  it('the scopes are listed in plain words, with the raw names one click away', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(h.url);
    const scopes = page.getByTestId('scopes').first();
    expect(await scopes.locator('li').first().textContent()).toBe(en['scope.oauth']);
    const raw = scopes.locator('details code');
    expect(await raw.isVisible()).toBe(false);
    await scopes.locator('summary').click();
    expect(await raw.textContent()).toBe(h.config.hubspot.scopes.join(' '));
  });
});
