import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';
import { expectNoSecretsIn } from '../support/secrets.js';

const CONNECTIONS = '/data/foundation/flowservice/connections';

describe('when Adobe says no or fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(() => {
    h.sandbox.flowService.faults.clear();
    h.sandbox.ims.faults.clear();
    // Each case starts with an empty IMS cache so the IMS route is exercised when a case needs it.
    h.services.adobe.forTarget(h.services.adobe.defaultTarget).ims.invalidate();
  });
  afterAll(() => h.close());

  it('When IMS refuses the credential, then 502 tells the admin which settings to check, with no retry offered', async () => {
    h.sandbox.ims.faults.inject(
      { method: 'POST', path: '/ims/token/v3' },
      { status: 400, body: { error: 'invalid_client', error_description: 'invalid client_secret parameter' } },
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('ADOBE_CREDENTIALS_REJECTED');
    expect(run.html).toContain('ADOBE_CLIENT_SECRET');
    expect(run.html).not.toContain('invalid client_secret parameter');
    expect(run.html).not.toContain('href="/connect"');
    expect(h.sandbox.flowService.requests.find('POST', CONNECTIONS)).toHaveLength(0);
    expectNoSecretsIn(run.html, h);
  });

  const cases: Array<{ name: string; fault: { status: number; body: unknown }; status: number; code: string; retry: boolean }> = [
    {
      name: '401 (token not valid)',
      fault: { status: 401, body: { error_code: '401013', message: 'Oauth token is not valid' } },
      status: 502,
      code: 'AEP_UNAUTHORIZED',
      retry: true,
    },
    {
      name: '403 (no product profile)',
      fault: { status: 403, body: { error_code: '403027', message: 'User region is missing' } },
      status: 502,
      code: 'AEP_FORBIDDEN',
      retry: false,
    },
    {
      name: '400 (auth spec not found)',
      fault: {
        status: 400,
        body: {
          type: 'https://ns.adobe.com/aep/errors/FLOW-1415-400',
          title: 'Bad request',
          status: 400,
          report: { 'detailed-message': 'x' },
        },
      },
      status: 502,
      code: 'AEP_REJECTED',
      retry: false,
    },
    {
      name: '404 (sandbox not found)',
      fault: { status: 404, body: { type: 'https://ns.adobe.com/aep/errors/FLOW-2100-404', title: 'Not found', status: 404 } },
      status: 502,
      code: 'AEP_NOT_FOUND',
      retry: false,
    },
    {
      name: '503 (unavailable)',
      fault: { status: 503, body: { type: 'https://ns.adobe.com/aep/errors/FLOW-1103-503', status: 503 } },
      status: 503,
      code: 'AEP_UNAVAILABLE',
      retry: true,
    },
  ];

  for (const c of cases) {
    it(`When Flow Service keeps answering ${c.name} to the create, then ${c.status} with the ${c.code} page and no secrets`, async () => {
      h.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, c.fault, Infinity);
      const run = await h.connect(h.browser());
      expect(run.result.status).toBe(c.status);
      expect(run.html).toContain(c.code);
      // A retryable failure after the code exchange offers Retry (sealed tokens, no new consent); others offer nothing.
      expect(run.html.includes('data-testid="retry-now"')).toBe(c.retry);
      expect(run.html.includes('href="/connect"')).toBe(false);
      expectNoSecretsIn(run.html, h);
      expect(run.html).not.toMatch(/Oauth token|User region|FLOW-\d/);
    });
  }

  it('When Flow Service answers 201 with malformed JSON once, then the next attempt finds, not duplicates, the connection', async () => {
    h.sandbox.flowService.faults.inject(
      { method: 'POST', path: CONNECTIONS },
      { status: 201, body: '{"id": "abc', headers: { 'content-type': 'application/json' } },
    );
    const countBefore = h.sandbox.flowService.connections().length;
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    expect(h.sandbox.flowService.connections()).toHaveLength(countBefore + 1);
    expect(run.html).toContain(h.sandbox.flowService.connections().at(-1)!.id);
    expectNoSecretsIn(run.html, h);
  });

  it('When the cached IMS token was revoked, then one 401 leads to a fresh token and the connection is made', async () => {
    await h.connect(h.browser());
    h.sandbox.ims.revokeAll();
    const issued = h.sandbox.ims.tokensIssued();
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    expect(h.sandbox.ims.tokensIssued()).toBe(issued + 1);
  });
});
