import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';
import { expectNoSecretsIn } from '../support/secrets.js';

const TOKEN_PATH = '/oauth/2026-03/token';

describe('when HubSpot says no or fails', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterEach(() => h.sandbox.hubspot.faults.clear());
  afterAll(() => h.close());

  it('When the user cancels on HubSpot, then the page says so plainly, offers to start again, and nothing reaches Adobe', async () => {
    const run = await h.connect(h.browser(), 'cancel');
    expect(run.callback.status).toBe(303);
    expect(run.result.status).toBe(400);
    expect(run.html).toContain('You cancelled on HubSpot, so nothing was connected.');
    expect(run.html).toContain('href="/connect"');
    expect(h.sandbox.flowService.requests.find('POST', /\/connections$/)).toHaveLength(0);
    expect(h.sandbox.ims.tokensIssued()).toBe(0);
  });

  it('When HubSpot does not accept the code, then 400 "code rejected" with Start again, and the exchange was tried once', async () => {
    const browser = h.browser();
    const authorizeUrl = await h.startConnect(browser);
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const before = h.sandbox.hubspot.requests.find('POST', TOKEN_PATH).length;
    const callback = await browser.get(`${h.url}/oauth/callback?code=na1-0000-bad0-code-0000-000000000000&state=${state}`);
    const result = await browser.get(new URL(callback.headers.get('location')!, h.url).toString());
    const html = await result.text();
    expect(result.status).toBe(400);
    expect(html).toContain('HUBSPOT_CODE_REJECTED');
    expect(html).toContain('Start again');
    expect(h.sandbox.hubspot.requests.find('POST', TOKEN_PATH).length).toBe(before + 1);
  });

  it('When the token endpoint answers 503, then 502 "HubSpot could not be reached" and the code exchange is not retried', async () => {
    h.sandbox.hubspot.faults.inject({ method: 'POST', path: TOKEN_PATH }, { status: 503, body: { message: 'down' } }, 5);
    const before = h.sandbox.hubspot.requests.find('POST', TOKEN_PATH).length;
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('HUBSPOT_UNAVAILABLE');
    expect(h.sandbox.hubspot.requests.find('POST', TOKEN_PATH).length).toBe(before + 1);
  });

  it('When the token endpoint is slower than the deadline, then 504 "did not answer in time"', async () => {
    h.sandbox.hubspot.faults.inject({ method: 'POST', path: TOKEN_PATH }, { delayMs: 3000 });
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(504);
    expect(run.html).toContain('HUBSPOT_TIMEOUT');
  });

  it('When the token endpoint drops the connection, then 502 and a clear page', async () => {
    h.sandbox.hubspot.faults.inject({ method: 'POST', path: TOKEN_PATH }, { drop: true });
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('HUBSPOT_UNAVAILABLE');
  });

  it('When HubSpot rejects our client secret (legacy v1 error shape), then the page blames the app credentials and offers no retry', async () => {
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: TOKEN_PATH },
      { status: 400, body: { status: 'BAD_CLIENT_SECRET', message: 'missing or invalid client secret', correlationId: 'c0ffee' } },
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('HUBSPOT_CLIENT_REJECTED');
    expect(run.html).not.toContain('missing or invalid client secret');
    expect(run.html).not.toContain('href="/connect"');
    expectNoSecretsIn(run.html, h);
  });

  it('When the token endpoint answers 200 with HTML, then 502 "answered in a way we did not understand"', async () => {
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: TOKEN_PATH },
      { status: 200, body: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } },
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('HUBSPOT_BAD_RESPONSE');
  });

  it('When introspection fails once with 503, then the safe retry succeeds', async () => {
    const introspections = () => h.sandbox.hubspot.requests.find('POST', '/oauth/2026-03/token/introspect').length;
    const before = introspections();
    h.sandbox.hubspot.faults.inject({ method: 'POST', path: '/oauth/2026-03/token/introspect' }, { status: 503 });
    const run = await h.connect(h.browser());
    expectConnected(h, run);
    // The 503 answer and the retry that succeeded.
    expect(introspections() - before).toBe(2);
  });

  it('When HubSpot redirects back with an error other than access_denied, then 502 and nothing is exchanged', async () => {
    const browser = h.browser();
    const authorizeUrl = await h.startConnect(browser);
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const callback = await browser.get(`${h.url}/oauth/callback?error=invalid_scope&error_description=%3Cscript%3E&state=${state}`);
    const result = await browser.get(new URL(callback.headers.get('location')!, h.url).toString());
    const html = await result.text();
    expect(result.status).toBe(502);
    expect(html).toContain('HUBSPOT_AUTHORIZE_ERROR');
    expect(html).not.toContain('<script>');
  });
});

describe('when HubSpot grants fewer scopes than required', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ portal: { withheldScopes: ['crm.objects.deals.read'] } });
  });
  afterAll(() => h.close());

  it('When a required scope is missing from the token, then 403 names the scope and nothing is submitted to Adobe', async () => {
    const browser = h.browser();
    const { callbackUrl } = await h.consent(browser);
    const callback = await browser.get(callbackUrl);
    const result = await browser.get(new URL(callback.headers.get('location')!, h.url).toString());
    const html = await result.text();
    expect(result.status).toBe(403);
    expect(html).toContain('crm.objects.deals.read');
    expect(html).toContain('SCOPES_MISSING');
    expect(h.sandbox.flowService.requests.entries).toHaveLength(0);
    expect(h.sandbox.ims.tokensIssued()).toBe(0);
  });
});
