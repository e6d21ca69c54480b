import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages-en.js';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

describe('live mode, configured through the environment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ live: true });
  });
  afterAll(() => h.close());

  it('When every credential is configured, then the service runs in live mode without the demo-mode banner', async () => {
    expect(h.config.mode).toBe('live');
    const html = await (await h.browser().get(`${h.url}/`)).text();
    expect(html).toContain('Connect HubSpot');
    expect(html).not.toContain('data-testid="demo-banner"');
    expect(html).not.toContain(en['app.demoBanner']);
  });

  it('When a user connects, then the connection is created with the configured credentials', async () => {
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    const [stored] = h.sandbox.flowService.connections();
    expect(stored?.auth.params.clientId).toBe(h.config.hubspot.clientId);
    expect(stored?.imsOrgId).toBe(h.config.adobe.imsOrg);
  });
});
