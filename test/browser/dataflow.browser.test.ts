import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { fr } from '../../src/i18n/messages-fr.js';
import { launchChromium } from '../support/chromium.js';
import { startHarness, type Harness } from '../support/harness.js';

const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Click-through in Chromium: Connect HubSpot, Grant, then Create the dataflow, to a scheduled dataflow. */
describe('creating the dataflow in a real browser (Chromium)', () => {
  let browser: Browser;
  let h: Harness | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close().catch(() => undefined));
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const languages = [
    { locale: 'en-US', catalog: en, schedule: /^every hour, from \d\d:\d\d UTC$/ },
    { locale: 'fr-FR', catalog: fr, schedule: /^toutes les heures, à partir de \d\d:\d\d UTC$/ },
  ] as const;

  for (const { locale, catalog, schedule } of languages) {
    it(`${locale}: the offer's one button ends on a scheduled dataflow with its ids and schedule in words`, async () => {
      h = await startHarness();
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(h.url);
      await Promise.all([page.waitForURL((url) => url.origin !== h!.url), page.getByTestId('connect').click()]);
      // The simulated consent page speaks the browser's language (Grant / Autoriser): its button by value.
      await Promise.all([page.waitForURL(/\/result\//), page.locator('button[value="grant"]').click()]);
      await page.getByTestId('dataflow-create').waitFor();
      expect(await page.getByTestId('dataflow-status').textContent()).toBe('offered');
      expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(catalog['dataflow.heading']);
      expect(await page.getByTestId('dataflow-create').textContent()).toBe(catalog['dataflow.create']);

      await page.getByTestId('dataflow-create').click();
      // The progress page refreshes itself (meta refresh, no script) until the dataflow is scheduled.
      await expect
        .poll(
          () =>
            page
              .getByTestId('dataflow-status')
              .textContent()
              .catch(() => null),
          { timeout: 20_000 },
        )
        .toBe('scheduled');
      const flow = h.sandbox.flowService.flows()[0]!;
      expect(await page.getByTestId('dataflow-id').textContent()).toBe(flow.id);
      expect(await page.getByTestId('dataset-id').textContent()).toBe(h.sandbox.catalog.datasets()[0]!.id);
      expect(await page.getByTestId('schema-id').textContent()).toBe(h.sandbox.schemaRegistry.schemas()[0]!.$id);
      expect(await page.getByTestId('dataflow-schedule').textContent()).toMatch(schedule);
      expect(await page.getByTestId('result-title').textContent()).toBe(catalog['result.connectedTitle']);
      await page.screenshot({ path: join(RESULTS_DIR, `dataflow-scheduled-${locale}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
