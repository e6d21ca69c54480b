import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

describe('several HubSpot portals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('When users connect two portals and one again, then each portal has one connection and the repeat refreshes it', async () => {
    const first = await h.connect(h.browser(), 'grant', { hubId: 7001 });
    const second = await h.connect(h.browser(), 'grant', { hubId: 7002 });
    const again = await h.connect(h.browser(), 'grant', { hubId: 7001 });
    const ids = [expectConnected(h, first), expectConnected(h, second), expectConnected(h, again)];
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    expect([first.record?.hub?.hubId, second.record?.hub?.hubId, again.record?.reconnected]).toEqual([7001, 7002, true]);
    expect(h.sandbox.flowService.connections().map((c) => c.description)).toEqual([
      'HubSpot hub 7001 · managed by hubspot-aep-connect',
      'HubSpot hub 7002 · managed by hubspot-aep-connect',
    ]);
    expect(h.sandbox.flowService.requests.find('POST', /\/connections$/)).toHaveLength(2);
  });
});
