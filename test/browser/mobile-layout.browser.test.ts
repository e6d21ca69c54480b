import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { fr } from '../../src/i18n/messages-fr.js';
import { launchChromium } from '../support/chromium.js';
import { CREATES } from '../support/dataflow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { harnessPerTest } from '../support/harness-per-test.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/**
 * A 390 px phone: the result and session pages stack each label above its value, nothing scrolls sideways,
 * and no id is broken across lines. Asserted on layout; screenshots kept in test-results/ as artifacts.
 */
describe('pages on a 390 px phone (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key }]) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
  });
  const phone = async (locale = 'en-US') => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
    contexts.push(context);
    return context.newPage();
  };

  /** What the layout says: sideways overflow, label/value pairs not stacked, ids on more than one line. */
  async function layoutProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = [];
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > width)
        problems.push(`scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
      for (const dt of Array.from(document.querySelectorAll('.facts dt'))) {
        const dd = dt.nextElementSibling;
        if (!dd) continue;
        const a = dt.getBoundingClientRect();
        const b = dd.getBoundingClientRect();
        if (!(a.bottom <= b.top + 1 && Math.abs(a.left - b.left) < 2)) problems.push(`"${dt.textContent}" is not above its value`);
      }
      const lineCount = (el: Element) => new Set(Array.from(el.getClientRects()).map((r) => Math.round(r.top))).size;
      for (const code of Array.from(document.querySelectorAll('.facts code, .reference code'))) {
        // A URL-shaped id may take several lines, breaking only between its parts (each ends with a slash).
        const parts = code.classList.contains('path-id') ? Array.from(code.querySelectorAll('span')) : [code];
        for (const part of parts) if (lineCount(part) !== 1) problems.push(`id ${code.textContent} is broken inside "${part.textContent}"`);
        if (code.getBoundingClientRect().right > width) problems.push(`id ${code.textContent} runs past the edge`);
      }
      return problems;
    });
  }

  it('the result page after a connection, in English and French', async () => {
    for (const locale of ['en-US', 'fr-FR']) {
      const page = await phone(locale);
      await page.goto(`${h.url}/connect`);
      await Promise.all([page.waitForURL(/\/result\//), page.locator('button[value="grant"]').click()]);
      await page.getByTestId('connection-id').waitFor();
      expect(await page.locator('.facts dt').count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('.facts dt').first().textContent()).toBe((locale === 'fr-FR' ? fr : en)['result.connectionId']);
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({ path: `test-results/result-390-${locale}.png`, fullPage: true });
    }
  });

  const freshService = harnessPerTest();

  /**
   * On a fresh DATAFLOW=auto service (`prepare`d first), a connection in English then in French, each result page
   * read once its dataflow panel shows `status` (the page refreshes itself until the steps are done), checked for
   * layout problems and kept as a screenshot.
   */
  async function dataflowResultPages(status: 'scheduled' | 'failed', prepare: (service: Harness) => void = () => undefined) {
    const service = await freshService({ env: { DATAFLOW: 'auto' } });
    prepare(service);
    for (const locale of ['en-US', 'fr-FR']) {
      const page = await phone(locale);
      await page.goto(`${service.url}/connect`);
      await Promise.all([page.waitForURL(/\/result\//), page.locator('button[value="grant"]').click()]);
      const shown = () =>
        page
          .getByTestId('dataflow-status')
          .textContent({ timeout: 1_000 })
          .catch(() => null);
      await expect.poll(shown, { timeout: 20_000 }).toBe(status);
      expect(await page.getByTestId('schema-id').textContent()).toBe(service.sandbox.schemaRegistry.schemas()[0]!.$id);
      if (status === 'failed') await page.getByTestId('dataflow-finish').waitFor();
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({ path: `test-results/result-dataflow-${status}-390-${locale}.png`, fullPage: true });
    }
  }

  it('the result page with a scheduled dataflow: its long schema id wraps after a slash, in English and French', { timeout: 60_000 }, () =>
    dataflowResultPages('scheduled'),
  );

  it('the result page with a failed dataflow (Finish setting up), in English and French', { timeout: 60_000 }, () =>
    dataflowResultPages('failed', (service) => {
      const forbidden = { status: 403, body: { title: 'Forbidden' } };
      service.sandbox.catalog.faults.inject({ method: 'POST', path: CREATES.dataset.path }, forbidden, Infinity);
    }),
  );

  it('the session page, in English and French, with the scopes in words', async () => {
    for (const locale of ['en-US', 'fr-FR']) {
      const session = (await (await partnerApi(h.url, key).create({})).json()) as { url: string };
      const page = await phone(locale);
      await page.goto(session.url);
      await page.getByTestId('connect').waitFor();
      const words = (locale === 'fr-FR' ? fr : en)['scope.crm.objects.contacts.read' as keyof typeof en];
      expect(await page.getByTestId('scopes').locator('li').allTextContents()).toContain(words);
      expect(await layoutProblems(page)).toEqual([]);
      await page.screenshot({ path: `test-results/session-390-${locale}.png`, fullPage: true });
    }
  });

  it('the layout check can fail: a page wider than the phone is reported', async () => {
    const page = await phone();
    await page.setContent('<dl class="facts"><dt>a</dt><dd><code>x</code></dd></dl><div style="width:900px">wide</div>');
    expect((await layoutProblems(page)).join()).toMatch(/scrolls sideways/);
  });

  it('the simulated HubSpot consent page says it is simulated and names the app, in the user’s language', async () => {
    for (const [locale, simulated, button] of [
      ['en-US', 'Simulated HubSpot (demo mode)', 'Grant'],
      ['fr-FR', 'HubSpot simulé (mode démo)', 'Autoriser'],
    ] as const) {
      const page = await phone(locale);
      await page.goto(`${h.url}/connect`);
      expect(await page.locator('#simulated').textContent()).toContain(simulated);
      expect(await page.locator('#app-name').textContent()).toBe(en['app.brand']);
      expect(await page.locator('button[value="grant"]').textContent()).toBe(button);
    }
  });
});
