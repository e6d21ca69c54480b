import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('demo partner portal: revoke → unhealthy → reconnect → recovered, as a person sees it (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness({ demoPartner: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('shows each connection’s status; Revoke in HubSpot and Check now make it needs_reauth with a reconnect link that repairs it', async () => {
    const portal = h.sandbox.demoPartner!.url;
    const page = await (await browser.newContext()).newPage();
    await page.goto(portal);
    await Promise.all([page.waitForURL(/\/connect-sessions\//), page.click('#redirect')]);
    await page.getByTestId('connect').click();
    await Promise.all([page.waitForURL(/\/done\?/), page.getByRole('button', { name: 'Grant' }).click()]);

    await page.goto(portal);
    const status = page.locator('#health [data-testid="status"]');
    await expect.poll(() => status.textContent()).toBe('active');

    await page.click('#revoke');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('uninstalled');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status.textContent()).toBe('needs_reauth');
    const unhealthy = page.locator('[data-testid="event"]', { hasText: 'connection.unhealthy' });
    await expect.poll(async () => (await page.reload(), unhealthy.count()), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => unhealthy.textContent()).toContain('credentials_rejected');

    await Promise.all([page.waitForURL(/\/connect-sessions\//), unhealthy.getByTestId('reconnect').click()]);
    await page.getByTestId('connect').click();
    await Promise.all([page.waitForURL(/\/done\?/), page.getByRole('button', { name: 'Grant' }).click()]);
    await page.goto(portal);
    const recovered = page.locator('[data-testid="event"]', { hasText: 'connection.recovered' });
    await expect.poll(async () => (await page.reload(), recovered.count()), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => status.textContent()).toBe('active');
    expect(await page.locator('#health tbody tr').count()).toBe(1);
    await page.screenshot({ path: 'test-results/demo-health-loop.png', fullPage: true });
  });
});
