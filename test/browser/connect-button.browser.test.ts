import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startPartnerPage } from '../support/partner-page.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/**
 * Regression: after "Connect HubSpot" was pressed, the widget kept a live button (a second press opened a window
 * saying the link was already used), and a second press in the popup replaced the way to HubSpot with that page.
 * Now the button goes at once and the page says what happens next, before the outcome is known.
 */
describe('the Connect button goes once pressed (Chromium)', () => {
  let h: Harness;
  let partner: Awaited<ReturnType<typeof startPartnerPage>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const key = newApiKey();

  beforeAll(async () => {
    partner = await startPartnerPage();
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [partner.origin] }]) });
    partner.useService(h.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
    await partner?.close();
  });

  async function partnerTab() {
    const session = (await (await partnerApi(h.url, key).create({})).json()) as { token: string };
    const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${partner.origin}/?${new URLSearchParams({ token: session.token })}`);
    return { context, page };
  }
  const authorizeViews = () => h.sandbox.hubspot.requests.find('GET', /\/authorize$/).length;
  const outcome = async (page: Page) => {
    await page.locator('#out:not(:empty)').waitFor({ timeout: 15_000 });
    return JSON.parse((await page.locator('#out').textContent()) ?? '{}') as { kind: string };
  };

  it('widget: once pressed, the button is gone and the waiting text shows; another submit opens nothing', async () => {
    const { context, page } = await partnerTab();
    await page.click('#mount');
    const frame = page.frameLocator('#widget iframe');
    await frame.getByTestId('connect').waitFor();
    const before = authorizeViews();
    const [consent] = await Promise.all([context.waitForEvent('page'), frame.getByTestId('connect').click()]);
    await consent.getByRole('button', { name: 'Grant' }).waitFor();
    // Before the outcome: nothing left to press, and the frame says where to go on.
    expect(await frame.getByTestId('connect').isHidden()).toBe(true);
    expect(await frame.getByTestId('connect').isDisabled()).toBe(true);
    expect(await frame.getByTestId('lead').textContent()).toBe(en['widget.waiting']);
    const opened: Page[] = [];
    context.on('page', (p) => opened.push(p));
    // Any other way to submit (Enter, a script) is refused too.
    await frame.locator('form[data-connect]').evaluate((form: HTMLFormElement) => form.requestSubmit());
    await page.waitForTimeout(500);
    expect(opened).toEqual([]);
    expect(authorizeViews()).toBe(before + 1);
    await consent.getByRole('button', { name: 'Grant' }).click();
    expect((await outcome(page)).kind).toBe('success');
    await frame.getByTestId('widget-done').waitFor();
  });

  it('popup: once pressed, the button is gone and the page says HubSpot is opening; a second press sends nothing', async () => {
    const { context, page } = await partnerTab();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('connect').waitFor();
    const posts: string[] = [];
    popup.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())));
    // Pressed twice in one task, as a double click is, and read before the navigation to HubSpot takes the page.
    const seen = await popup.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="connect"]')!;
      button.click();
      const afterPress = { hidden: button.closest('form')!.hidden, disabled: button.disabled };
      button.click();
      button.closest('form')!.requestSubmit();
      return { ...afterPress, lead: document.querySelector('[data-testid="lead"]')!.textContent };
    });
    expect(seen).toEqual({ hidden: true, disabled: true, lead: en['session.opening'] });
    await popup.getByRole('button', { name: 'Grant' }).click();
    expect((await outcome(page)).kind).toBe('success');
    expect(posts.filter((url) => url.includes('/continue'))).toHaveLength(1);
  });
});
