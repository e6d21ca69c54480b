import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startPartnerPage } from '../support/partner-page.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/** useHubSpotAEPConnect in a small React page: the token is fetched at click time, the popup is not blocked. */
describe('the React hook in a real browser (Chromium)', () => {
  let h: Harness;
  let partner: Awaited<ReturnType<typeof startPartnerPage>>;
  let browser: Browser;
  const key = newApiKey();
  const created: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'fixtures/react-hook-page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    });
    const code = bundle.outputFiles[0]!.text.replaceAll('</script', '<\\/script');
    partner = await startPartnerPage({
      newToken: async () => {
        const session = (await (await partnerApi(h.url, key).create({})).json()) as { id: string; token: string };
        created.push(session.id);
        return session.token;
      },
      pages: {
        '/react': (serviceUrl) =>
          `<!doctype html><html><head><meta charset="utf-8"><title>React partner</title></head><body><div id="root"></div>` +
          `<script>window.SERVICE_URL = ${JSON.stringify(serviceUrl)};</script><script>${code}</script></body></html>`,
      },
    });
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: [partner.origin] }]) });
    partner.useService(h.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
    await partner?.close();
  });

  it('a click fetches a fresh session, opens the popup, and Grant ends in onSuccess', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${partner.origin}/react`);
    expect(created).toEqual([]);
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#connect')]);
    await popup.getByTestId('connect').click();
    await popup.getByRole('button', { name: 'Grant' }).click();
    await page.locator('#out:not(:empty)').waitFor({ timeout: 15_000 });
    const result = JSON.parse((await page.locator('#out').textContent()) ?? '{}') as { kind: string; value: { sessionId: string } };
    expect(created).toHaveLength(1);
    expect(result).toMatchObject({ kind: 'success', value: { sessionId: created[0] } });
    const truth = (await (await partnerApi(h.url, key).read(created[0]!)).json()) as { status: string; connection_id: string };
    expect(truth.status).toBe('completed');
    expect((result.value as unknown as { connectionId: string }).connectionId).toBe(truth.connection_id);
    await context.close();
  });
});
