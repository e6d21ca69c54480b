import { type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('demo mode’s demo partner portal (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    h = await startHarness({ demoPartner: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
  });
  const demoTab = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(h.sandbox.demoPartner!.url);
    return { context, page };
  };

  it('is printed in the banner with its API key, on another origin than the service', () => {
    const demo = h.sandbox.demoPartner!;
    expect(new URL(demo.url).origin).not.toBe(new URL(h.url).origin);
    expect(h.sandbox.banner.join('\n')).toContain(demo.url);
    expect(h.sandbox.banner.join('\n')).toContain(demo.apiKey);
  });

  it('redirect: the link goes through our session page and HubSpot, and comes back with the outcome', async () => {
    const { page } = await demoTab();
    await Promise.all([page.waitForURL(/\/connect-sessions\//), page.click('#redirect')]);
    await page.getByTestId('connect').click();
    await Promise.all([page.waitForURL(/\/done\?/), page.getByRole('button', { name: 'Grant' }).click()]);
    const truth = JSON.parse((await page.locator('#truth').textContent()) ?? 'null') as { status: string; connection_id: string };
    expect(truth.status).toBe('completed');
    expect(JSON.parse((await page.locator('#query').textContent()) ?? '{}')).toMatchObject({
      status: 'completed',
      connection_id: truth.connection_id,
    });
  });

  it('popup and iframe: both end in onSuccess', async () => {
    const { context, page } = await demoTab();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#popup')]);
    await popup.getByTestId('connect').click();
    await popup.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => page.locator('#out').textContent(), { timeout: 15_000 }).toMatch(/^onSuccess /);

    const second = await demoTab();
    await second.page.click('#iframe');
    const frame = second.page.frameLocator('#widget iframe');
    const [consent] = await Promise.all([second.context.waitForEvent('page'), frame.getByTestId('connect').click()]);
    await consent.getByRole('button', { name: 'Grant' }).click();
    await expect.poll(() => second.page.locator('#out').textContent(), { timeout: 15_000 }).toMatch(/^onSuccess /);
  });

  it('lists the webhooks it received, each with its signature checked', async () => {
    const { page } = await demoTab();
    // The earlier tests connected three times; their webhooks arrive as jobs, so reload until they show.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator('#webhook-list li[data-signature="valid"]').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(3);
    expect(await page.locator('#webhook-list li[data-signature="invalid"]').count()).toBe(0);
    expect(await page.locator('#webhook-list').textContent()).toContain('connection.');
    // A forged delivery is listed as such.
    const forged = await fetch(`${h.sandbox.demoPartner!.url}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'hubspot-aep-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: '{"type":"connection.created"}',
    });
    expect(forged.status).toBe(401);
    await page.reload();
    expect(await page.locator('#webhook-list li[data-signature="invalid"]').count()).toBe(1);
  });
});
