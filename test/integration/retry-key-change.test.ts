import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableMemoryStore } from '../support/durable-store.js';
import { startHarness, type Harness } from '../support/harness.js';

const CONNECTIONS = '/data/foundation/flowservice/connections';

describe('Retry after TOKEN_ENCRYPTION_KEY changed', () => {
  const store = new DurableMemoryStore();
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
    await store.dispose();
  });

  it('When the deployment restarts with another key, then Retry shows a clear Start-again page, not a 500', async () => {
    // One deployment's settings, as an operator would roll the key: same session secret, same store (Redis).
    const sessionSecret = randomBytes(48).toString('base64');
    const env = () => ({ SESSION_SECRET: sessionSecret, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    const before = await startHarness({ store, env: env() });
    harnesses.push(before);
    before.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { status: 503, body: '' }, Infinity);
    const browser = before.browser();
    const run = await before.connect(browser);
    expect(run.record?.status).toBe('failed');
    const retryPath = /<form method="post" action="([^"]+)"/.exec(run.html)?.[1];
    expect(retryPath).toMatch(/\/retry$/);
    expect(run.record?.sealed).toBeDefined();
    await before.close();
    harnesses.splice(0);

    const after = await startHarness({ store, env: env() });
    harnesses.push(after);
    const retried = await browser.request(`${after.url}${retryPath}`, { method: 'POST' });
    expect(retried.status).toBe(303);
    const page = await after.followProgress(browser, new URL(retried.headers.get('location')!, after.url).toString());
    expect(page.result.status).toBe(410);
    expect(page.html).toContain('CONNECT_TOKENS_EXPIRED');
    expect(page.html).toContain('href="/connect"');
    expect(page.html).not.toContain('data-testid="retry-now"');
    expect(after.sandbox.flowService.connections()).toHaveLength(0);
    expect(after.logLines.join('')).not.toMatch(/"level":50/);
  });
});
