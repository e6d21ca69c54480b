import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { startHarness, type Harness } from './harness.js';
import { startPartnerPage } from './partner-page.js';
import { newApiKey, partnerApi, partnersEnv } from './partners.js';

/**
 * For a browser test file of embed.js: partner `acme`'s page on 127.0.0.1 (its one embed origin), the service on
 * localhost, and Chromium, started before the file's tests and closed after them. `tab()` opens the partner page
 * with a fresh session's token in a context of its own; `outcome()` reads the SDK's last callback.
 */
export function useEmbedBrowser() {
  const key = newApiKey();
  const contexts: BrowserContext[] = [];
  const env = {} as { h: Harness; partner: Awaited<ReturnType<typeof startPartnerPage>>; browser: Browser };
  beforeAll(async () => {
    env.partner = await startPartnerPage();
    env.h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [env.partner.origin] }]) });
    env.partner.useService(env.h.url);
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await env.browser?.close().catch(() => undefined);
    await env.h?.close();
    await env.partner?.close();
  });
  return {
    get h() {
      return env.h;
    },
    async tab() {
      const session = (await (await partnerApi(env.h.url, key).create({})).json()) as { id: string; token: string };
      const context = await env.browser.newContext({ viewport: { width: 800, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${env.partner.origin}/?${new URLSearchParams({ token: session.token })}`);
      return { session, context, page };
    },
    async outcome(page: Page) {
      await page.locator('#out:not(:empty)').waitFor({ timeout: 15_000 });
      return JSON.parse((await page.locator('#out').textContent()) ?? '{}') as { kind: string; value: Record<string, unknown> };
    },
  };
}
