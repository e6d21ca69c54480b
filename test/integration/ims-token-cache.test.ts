import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImsTokenProvider } from '../../src/adobe/ims-token-provider.js';
import { UpstreamClient } from '../../src/http/upstream-client.js';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

describe('Adobe IMS token: cached and fetched once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('When 25 callbacks need a token at once, then IMS is asked once', async () => {
    const http = new UpstreamClient({ timeoutMs: 2000 });
    const provider = new ImsTokenProvider(http, h.config);
    const before = h.sandbox.ims.tokensIssued();
    const tokens = await Promise.all(Array.from({ length: 25 }, () => provider.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(h.sandbox.ims.tokensIssued()).toBe(before + 1);
    await http.close();
  });

  it('When the cached token nears expires_in, then a new one is fetched', async () => {
    const http = new UpstreamClient({ timeoutMs: 2000 });
    let now = Date.now();
    const provider = new ImsTokenProvider(http, h.config, undefined, () => now);
    const first = await provider.getToken();
    now += 60 * 60 * 1000;
    expect(await provider.getToken()).toBe(first);
    now += 24 * 60 * 60 * 1000; // past 86399 s minus the renewal margin
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    await http.close();
  });

  it('When six click-throughs for the same portal run together, then they share one IMS token and one connection', async () => {
    h.services.adobe.forTarget(h.services.adobe.defaultTarget).ims.invalidate();
    const before = h.sandbox.ims.tokensIssued();
    const runs = await Promise.all(Array.from({ length: 6 }, () => h.connect(h.browser())));
    for (const run of runs) expectConnected(h, run);
    expect(h.sandbox.ims.tokensIssued()).toBe(before + 1);
    // Same portal six times at once: the per-portal lock keeps it to one connection, updated five times.
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(h.sandbox.flowService.requests.find('POST', /\/connections$/)).toHaveLength(1);
    expect(h.sandbox.flowService.requests.find('PATCH', /\/connections\/[^/]+$/)).toHaveLength(5);
  });
});
