import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startPartnerPage } from '../support/partner-page.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/**
 * What a partner developer sees at the end: the widget's outcome in its frame (sized to its content),
 * an unregistered page refused before HubSpot, a closed popup, and the partner's appearance applied.
 * The registered partner page is on one 127.0.0.1 port, an unregistered copy on another.
 */
describe('embed.js end states in a real browser (Chromium)', () => {
  let h: Harness;
  let partner: Awaited<ReturnType<typeof startPartnerPage>>;
  let stranger: Awaited<ReturnType<typeof startPartnerPage>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const key = newApiKey();
  const newSession = async () => (await (await partnerApi(h.url, key).create({})).json()) as { id: string; token: string };

  beforeAll(async () => {
    partner = await startPartnerPage({ newToken: async () => (await newSession()).token });
    stranger = await startPartnerPage();
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [partner.origin] }]) });
    partner.useService(h.url);
    stranger.useService(h.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
    await partner?.close();
    await stranger?.close();
  });

  async function tab(origin: string, opts?: object) {
    const session = await newSession();
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const query = new URLSearchParams({ token: session.token, ...(opts ? { opts: JSON.stringify(opts) } : {}) });
    await page.goto(`${origin}/?${query}`);
    return { session, context, page };
  }
  const outcome = async (page: Page) => {
    await page.locator('#out:not(:empty)').waitFor({ timeout: 15_000 });
    return JSON.parse((await page.locator('#out').textContent()) ?? '{}') as { kind: string; value: Record<string, unknown> };
  };
  const frameHeight = (page: Page) => page.locator('#widget iframe').evaluate((el) => el.getBoundingClientRect().height);
  /** The frame's height equals its document's, within a pixel: no inner scrollbar, no empty band. */
  async function expectSizedToContent(page: Page) {
    const frame = page.frameLocator('#widget iframe');
    await expect
      .poll(async () => {
        const content = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
        return Math.abs((await frameHeight(page)) - content);
      })
      .toBeLessThanOrEqual(1);
  }

  it('widget after success: the frame shows the portal and Done, no Connect button, and fits its content', async () => {
    const { session, context, page } = await tab(partner.origin);
    await page.click('#mount');
    const frame = page.frameLocator('#widget iframe');
    await frame.getByTestId('connect').waitFor();
    await expectSizedToContent(page);
    const before = await frameHeight(page);
    const [consent] = await Promise.all([context.waitForEvent('page'), frame.getByTestId('connect').click()]);
    await consent.getByRole('button', { name: 'Grant' }).click();
    expect((await outcome(page)).kind).toBe('success');
    await frame.getByTestId('widget-done').waitFor();
    expect(await frame.getByTestId('widget-state').getAttribute('data-state')).toBe('connected');
    const truth = (await (await partnerApi(h.url, key).read(session.id)).json()) as { hub_domain?: string; hub_id: number };
    expect(await frame.getByTestId('portal').textContent()).toBe(truth.hub_domain ?? `hub id ${truth.hub_id}`);
    expect(await frame.getByTestId('connect').count()).toBe(0);
    await expectSizedToContent(page);
    expect(await frameHeight(page)).toBeLessThan(before);
    await page.screenshot({ path: 'test-results/widget-connected.png', fullPage: true });
  });

  it('widget after failure: the reason, and Try again loads a fresh session through fetchToken', async () => {
    const { session, context, page } = await tab(partner.origin);
    await page.click('#mount');
    const frame = page.frameLocator('#widget iframe');
    const [consent] = await Promise.all([context.waitForEvent('page'), frame.getByTestId('connect').click()]);
    await consent.getByRole('button', { name: 'Cancel' }).click();
    expect(await outcome(page)).toMatchObject({ kind: 'error', value: { code: 'CONSENT_DENIED', sessionId: session.id } });
    await frame.getByTestId('widget-reason').waitFor();
    expect(await frame.getByTestId('widget-state').getAttribute('data-state')).toBe('failed');
    expect(await frame.getByTestId('widget-reason').textContent()).toContain('cancelled on HubSpot');
    await expectSizedToContent(page);
    await page.screenshot({ path: 'test-results/widget-failed.png', fullPage: true });
    await frame.getByTestId('try-again').click();
    await frame.getByTestId('connect').waitFor();
    const src = await page.locator('#widget iframe').getAttribute('src');
    expect(src).not.toContain(session.token);
    await expectSizedToContent(page);
  });

  it('a page on an unregistered origin gets ORIGIN_NOT_ALLOWED, its popup closes, and no connection is made', async () => {
    const authorizeViews = () => h.sandbox.hubspot.requests.find('GET', /\/authorize$/).length;
    const viewsBefore = authorizeViews();
    const { session, context, page } = await tab(stranger.origin);
    const opened: Page[] = [];
    context.on('page', (p) => opened.push(p));
    await page.click('#connect');
    expect(await outcome(page)).toMatchObject({ kind: 'error', value: { code: 'ORIGIN_NOT_ALLOWED' } });
    await expect.poll(() => opened.every((p) => p.isClosed())).toBe(true);
    await page.click('#mount');
    await expect.poll(async () => (await page.locator('#log').textContent())?.trim().split('\n').length).toBe(2);
    expect(await page.locator('#widget iframe').count()).toBe(0);
    const read = (await (await partnerApi(h.url, key).read(session.id)).json()) as { status: string; connection_id?: string };
    expect(read).toMatchObject({ status: 'pending' });
    expect(read.connection_id).toBeUndefined();
    expect(authorizeViews()).toBe(viewsBefore);
  });

  it('closing the popup before the end calls onClose with WINDOW_CLOSED, not onError', async () => {
    const { session, context, page } = await tab(partner.origin);
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('connect').waitFor();
    await popup.close();
    expect(await outcome(page)).toEqual({ kind: 'close', value: { reason: 'WINDOW_CLOSED', sessionId: session.id } });
  });

  it('appearance: the partner’s colour on the Connect button and its logo in the session page', async () => {
    const logoUrl = `${partner.origin}/logo.png`;
    const { page } = await tab(partner.origin, { appearance: { primaryColor: '#0a66c2', logoUrl } });
    await page.click('#mount');
    const frame = page.frameLocator('#widget iframe');
    await frame.getByTestId('connect').waitFor();
    expect(await frame.getByTestId('connect').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(10, 102, 194)');
    expect(await frame.getByTestId('partner-logo').getAttribute('src')).toBe(logoUrl);
  });

  it('appearance that fails validation: onError(INVALID_OPTIONS) and no frame', async () => {
    const { page } = await tab(partner.origin, { appearance: { primaryColor: 'red' } });
    await page.click('#mount');
    expect(await outcome(page)).toMatchObject({ kind: 'error', value: { code: 'INVALID_OPTIONS' } });
    expect(await page.locator('#widget iframe').count()).toBe(0);
  });
});
