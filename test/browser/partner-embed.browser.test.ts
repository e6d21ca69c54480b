import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startPartnerPage } from '../support/partner-page.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/**
 * Popup and redirect modes in Chromium: the partner page is on http://127.0.0.1:<port>, the service on
 * http://localhost:<port>, so every step crosses origins as it does in production.
 */
describe('partner modes in a real browser (Chromium)', () => {
  let h: Harness;
  let partner: Awaited<ReturnType<typeof startPartnerPage>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const key = newApiKey();

  beforeAll(async () => {
    partner = await startPartnerPage();
    h = await startHarness({
      env: partnersEnv([{ id: 'acme', apiKey: key, returnUrls: [`${partner.origin}/aep/done`], embedOrigins: [partner.origin] }]),
    });
    partner.useService(h.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
    await partner?.close();
  });

  async function partnerTab(body: Record<string, unknown> = {}) {
    const session = (await (await partnerApi(h.url, key).create(body)).json()) as { id: string; token: string; url: string };
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${partner.origin}/?token=${session.token}`);
    return { session, context, page };
  }
  const outcome = async (page: Page) => {
    await page.locator('#out:not(:empty)').waitFor({ timeout: 15_000 });
    return JSON.parse((await page.locator('#out').textContent()) ?? '{}') as { kind: string; value: Record<string, unknown> };
  };

  it('popup mode: a click opens our session page, Grant on HubSpot ends in onSuccess with the connection id', async () => {
    const { session, context, page } = await partnerTab();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('partner').waitFor();
    expect(await popup.getByTestId('partner').textContent()).toBe('acme portal');
    await popup.getByTestId('connect').click();
    await popup.getByRole('button', { name: 'Grant' }).click();
    const result = await outcome(page);
    const truth = (await (await partnerApi(h.url, key).read(session.id)).json()) as { connection_id: string; reconnected: boolean };
    expect(result).toEqual({
      kind: 'success',
      value: { sessionId: session.id, connectionId: truth.connection_id, reconnected: truth.reconnected },
    });
    // The last page reached the opener by postMessage, from our exact origin (window.opener survived).
    expect(await page.locator('#messages').textContent()).toContain(`${h.url} hubspot-aep-connect:outcome`);
  });

  it('popup mode: with no message from the popup (opener severed), polling still ends in onSuccess', async () => {
    const { session, context, page } = await partnerTab();
    // Stands in for COOP or a mobile browser severing window.opener: the last page never posts.
    await context.addInitScript(() => {
      if (location.pathname.startsWith('/embed/v1/done/')) Object.defineProperty(window, 'opener', { value: null });
    });
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('connect').click();
    await popup.getByRole('button', { name: 'Grant' }).click();
    const result = await outcome(page);
    expect(result.kind).toBe('success');
    expect(result.value.sessionId).toBe(session.id);
    expect(await page.locator('#messages').textContent()).toBe('');
  });

  it('popup mode: Cancel on HubSpot ends in onError with the error code', async () => {
    const { session, context, page } = await partnerTab();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('connect').click();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    expect(await outcome(page)).toEqual({
      kind: 'error',
      value: { code: 'CONSENT_DENIED', message: 'The user declined access on HubSpot.', sessionId: session.id },
    });
  });

  it('iframe widget: framed in the partner page, consent in a new window, onSuccess with the connection id', async () => {
    const { session, context, page } = await partnerTab();
    await page.click('#mount');
    const frame = page.frameLocator('#widget iframe');
    await frame.getByTestId('partner').waitFor();
    expect(await frame.getByTestId('sandbox').textContent()).toBe('prod');
    const [consent] = await Promise.all([context.waitForEvent('page'), frame.getByTestId('connect').click()]);
    await consent.getByRole('button', { name: 'Grant' }).click();
    const result = await outcome(page);
    const truth = (await (await partnerApi(h.url, key).read(session.id)).json()) as { connection_id: string; reconnected: boolean };
    expect(result).toEqual({
      kind: 'success',
      value: { sessionId: session.id, connectionId: truth.connection_id, reconnected: truth.reconnected },
    });
  });

  it('a blocked popup falls back to redirect mode when the session has a return_url', async () => {
    const { session, page } = await partnerTab({ return_url: `${partner.origin}/aep/done` });
    await page.evaluate(() => {
      window.open = () => null;
    });
    await Promise.all([page.waitForURL(/\/connect-sessions\//), page.click('#connect')]);
    await page.getByTestId('connect').click();
    await Promise.all([page.waitForURL(/\/aep\/done/), page.getByRole('button', { name: 'Grant' }).click()]);
    const back = new URL(page.url());
    expect(back.searchParams.get('session_id')).toBe(session.id);
    expect(back.searchParams.get('status')).toBe('completed');
  });

  it('a blocked popup without a return_url calls onError(POPUP_BLOCKED)', async () => {
    const { session, page } = await partnerTab();
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.click('#connect');
    expect(await outcome(page)).toMatchObject({ kind: 'error', value: { code: 'POPUP_BLOCKED', sessionId: session.id } });
    // Nothing started: the session is still waiting for a click.
    expect(((await (await partnerApi(h.url, key).read(session.id)).json()) as { status: string }).status).toBe('pending');
  });

  it('redirect mode end to end: session page, HubSpot, back to the return URL', async () => {
    const session = (await (
      await partnerApi(h.url, key).create({ return_url: `${partner.origin}/aep/done`, partner_state: 's1' })
    ).json()) as {
      id: string;
      url: string;
    };
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(session.url);
    expect(await page.getByTestId('org').textContent()).toBe(h.config.adobe.imsOrg);
    await page.getByTestId('connect').click();
    await Promise.all([page.waitForURL(/\/aep\/done/), page.getByRole('button', { name: 'Grant' }).click()]);
    const back = new URL(page.url());
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ session_id: session.id, status: 'completed', state: 's1' });
  });

  it('the session page refuses to be framed by an origin the partner did not register', async () => {
    const stranger = await startPartnerPage();
    stranger.useService(h.url);
    try {
      const session = (await (await partnerApi(h.url, key).create({})).json()) as { token: string; url: string };
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${stranger.origin}/?token=${session.token}`);
      // Chromium reports the refusal on the embedding page's console (CSP frame-ancestors).
      const refused = page.waitForEvent('console', { predicate: (m) => m.text().includes('frame-ancestors'), timeout: 10_000 });
      // Framed by hand: embed.js itself never creates the frame on such a page (its attach is refused first).
      await page.evaluate((src) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        document.getElementById('widget')!.appendChild(frame);
      }, `${session.url}?mode=iframe`);
      // "Framing '<service>' violates … "frame-ancestors <the registered origin>". The request has been blocked."
      expect((await refused).text()).toContain(`frame-ancestors ${partner.origin}`);
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      expect(await frame?.locator('[data-testid="partner"]').count()).toBe(0);
      expect(frame?.url()).not.toContain('/connect-sessions/');
    } finally {
      await stranger.close();
    }
  });
});
