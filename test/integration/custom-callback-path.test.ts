import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

describe('HUBSPOT_REDIRECT_URI decides where the callback is served', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ callbackPath: '/integrations/hubspot/return' });
  });
  afterAll(() => h.close());

  it('When the redirect URI has a custom path, then HubSpot is sent there and the flow completes', async () => {
    const run = await h.connect(h.browser());
    expect(new URL(run.authorizeUrl).searchParams.get('redirect_uri')).toBe(`${h.url}/integrations/hubspot/return`);
    expect(new URL(run.callbackUrl).pathname).toBe('/integrations/hubspot/return');
    expectConnected(h, run);
  });

  it('When the default path is requested instead, then it is simply not found', async () => {
    const res = await h.browser().get(`${h.url}/oauth/callback?code=x&state=y`);
    expect(res.status).toBe(404);
  });
});
