import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { useEmbedBrowser } from '../support/embed-browser.js';

/**
 * Regression: after "Connect HubSpot" was pressed, the widget kept a live button (a second press opened a window
 * saying the link was already used), and a second press in the popup replaced the way to HubSpot with that page.
 * Now the button goes at once and the page says what happens next, before the outcome is known.
 */
describe('the Connect button goes once pressed (Chromium)', () => {
  const embed = useEmbedBrowser();
  const { tab: partnerTab, outcome } = embed;
  const authorizeViews = () => embed.h.sandbox.hubspot.requests.find('GET', /\/authorize$/).length;

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
