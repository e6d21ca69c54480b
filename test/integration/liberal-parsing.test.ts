import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL } from '../../src/demo/demo-identities.js';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';

/** "Be liberal in what you accept": documented variations in upstream answers still lead to a connection. */
describe('accepting documented variations in upstream answers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(() => {
    h.sandbox.hubspot.faults.clear();
    h.sandbox.flowService.faults.clear();
  });
  afterAll(() => h.close());

  it('When introspection leaves out hub_id, then the token response hub_id names the portal', async () => {
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: '/oauth/2026-03/token/introspect' },
      { status: 200, body: { active: true, hub_domain: DEMO_PORTAL.domain, scopes: [...h.config.hubspot.scopes] } },
    );
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    expect(run.html).toContain(`${DEMO_PORTAL.domain} (hub id ${DEMO_PORTAL.hubId})`);
  });

  it('When the list answer carries only `version` (no `etag`), then the existing connection is still updated, not duplicated', async () => {
    await h.connect(h.browser());
    // connections() hands out the live records: copy what we compare against before the update.
    const existing = structuredClone(h.sandbox.flowService.connections()[0]);
    expect(existing).toBeDefined();
    h.sandbox.flowService.faults.inject(
      { method: 'GET', path: '/data/foundation/flowservice/connections' },
      { status: 200, body: { items: [{ id: existing!.id, name: existing!.name, version: existing!.etag }] } },
    );
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    const patch = h.sandbox.flowService.requests.find('PATCH', /\/connections\/[^/]+$/).at(-1);
    expect(patch?.headers['if-match']).toBe(existing!.etag);
  });
});

describe('when the connection keeps changing under a reconnect', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('When every conditional update is refused with 412, then the page says the connection kept changing, offers Retry, and the credentials are untouched', async () => {
    await h.connect(h.browser());
    const before = structuredClone(h.sandbox.flowService.connections()[0]!);
    h.sandbox.flowService.faults.inject(
      { method: 'PATCH', path: /\/connections\/[^/]+$/ },
      { status: 412, body: { type: 'https://ns.adobe.com/aep/errors/FLOW-1404-412', status: 412 } },
      Infinity,
    );
    const run = await h.connect(h.browser());
    h.sandbox.flowService.faults.clear();
    expect(run.result.status).toBe(409);
    expect(run.html).toContain('AEP_CONNECTION_CHANGING');
    expect(run.html).toContain('data-testid="retry-now"');
    expect(h.sandbox.flowService.connections()[0]!.auth.params).toEqual(before.auth.params);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });
});
