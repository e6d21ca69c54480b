import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

/** RFC 6749 §10.12 and RFC 9700 §2.1: state is single use, bound to this browser, and short-lived. */
describe('callback state handling', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('When the callback carries no state, then 400 with a page that offers to start again', async () => {
    const res = await h.browser().get(`${h.url}/oauth/callback?code=na1-abc`);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain('STATE_MISSING');
    expect(html).toContain('Start again');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('When the state is forged, then 400 and HubSpot is never asked to exchange the code', async () => {
    const before = h.sandbox.hubspot.stats().codesExchanged;
    const res = await h.browser().get(`${h.url}/oauth/callback?code=na1-abc&state=forged-state-value`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('STATE_UNKNOWN');
    expect(h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token').length).toBe(before);
  });

  it('When the state was issued to another browser, then 403 and nothing is exchanged', async () => {
    const alice = h.browser();
    const { callbackUrl } = await h.consent(alice);
    const exchanges = h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token').length;

    const mallory = h.browser();
    const res = await mallory.get(callbackUrl);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('STATE_OTHER_BROWSER');
    expect(h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token').length).toBe(exchanges);

    // The rightful browser can still finish its own flow.
    const own = await alice.get(callbackUrl);
    expect(own.status).toBe(303);
  });

  it('When the state is older than 10 minutes, then 400 "expired" and nothing is exchanged', async () => {
    const browser = h.browser();
    const { callbackUrl } = await h.consent(browser);
    const exchanges = h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token').length;
    h.clock.advance(10 * 60 * 1000 + 1);
    try {
      const res = await browser.get(callbackUrl);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('STATE_EXPIRED');
      expect(h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token').length).toBe(exchanges);
    } finally {
      h.clock.advance(-(10 * 60 * 1000 + 1));
    }
  });

  it('When a successful callback is replayed, then the same result is shown and no second connection is made', async () => {
    const browser = h.browser();
    const first = await h.connect(browser);
    expectConnected(h, first);
    const connections = h.sandbox.flowService.connections().length;
    const exchanges = h.sandbox.hubspot.stats().codesExchanged;

    const replay = await browser.get(first.callbackUrl);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe(new URL(first.resultUrl).pathname);
    expect(h.sandbox.flowService.connections()).toHaveLength(connections);
    expect(h.sandbox.hubspot.stats().codesExchanged).toBe(exchanges);
    expect(h.sandbox.flowService.requests.find('POST', /\/connections$/).length).toBe(connections);
  });

  it('When two tabs start flows, then each tab can complete its own, in either order', async () => {
    const browser = h.browser();
    const tab1 = await h.startConnect(browser);
    const tab2 = await h.startConnect(browser);
    expect(new URL(tab1).searchParams.get('state')).not.toBe(new URL(tab2).searchParams.get('state'));
    for (const authorizeUrl of [tab2, tab1]) {
      const consent = await decideConsent(authorizeUrl, 'grant');
      const callback = await browser.get(new URL(consent.headers.get('location')!, authorizeUrl).toString());
      expect(callback.status).toBe(303);
      const result = await browser.get(new URL(callback.headers.get('location')!, h.url).toString());
      expect(result.status).toBe(200);
    }
  });

  it('When another browser opens a result page, then it gets 404', async () => {
    const run = await h.connect(h.browser());
    const res = await h.browser().get(run.resultUrl);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('acme-demo.hubspot.com');
  });
});
