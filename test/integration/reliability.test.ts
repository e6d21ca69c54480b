import { afterEach, describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../src/flows/flow-events.js';
import { flowKey, type FlowRecord } from '../../src/flows/flow-record.js';
import { startHarness, type Harness } from '../support/harness.js';
import { expectNoSecretsIn } from '../support/secrets.js';

const CONNECTIONS = '/data/foundation/flowservice/connections';
const TOKEN_PATH = '/oauth/2026-03/token';
const INTROSPECT_PATH = '/oauth/2026-03/token/introspect';
const IMS_PATH = '/ims/token/v3';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function flowOf(run: { resultUrl: string }): Promise<FlowRecord> {
  const id = decodeURIComponent(new URL(run.resultUrl).pathname.split('/').at(-1)!);
  return (await h.services.store.get<FlowRecord>(flowKey(id)))!;
}

describe('completion in the background, with progress', () => {
  it('When Flow Service takes 4 s, then the callback answers within 1 s with the progress page, which later shows the connection', async () => {
    h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '6000' } });
    h.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { delayMs: 4000 });
    const browser = h.browser();
    const { callbackUrl } = await h.consent(browser);
    const started = Date.now();
    const callback = await browser.get(callbackUrl);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(callback.status).toBe(303);
    const resultUrl = new URL(callback.headers.get('location')!, h.url).toString();
    const progress = await browser.get(resultUrl);
    const progressHtml = await progress.text();
    expect(progress.status).toBe(200);
    expect(progressHtml).toMatch(/<meta http-equiv="refresh" content="[12]">/);
    expect(progressHtml).toContain('data-step="upsert-connection" data-state="current"');
    expect(progressHtml).toContain('data-step="exchange-code" data-state="done"');
    expect(progressHtml).not.toContain('<script');
    const done = await h.followProgress(browser, resultUrl);
    expect(done.result.status).toBe(200);
    expect(done.html).toContain(h.sandbox.flowService.connections()[0]!.id);
  });

  it('When the answer to the create is lost after Adobe made the connection, then the success page shows exactly one connection', async () => {
    h = await startHarness();
    // The delay lets the request through after the 1.5 s deadline: the connection exists, the answer is lost.
    h.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { delayMs: 2500 });
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    const connections = h.sandbox.flowService.connections();
    expect(connections).toHaveLength(1);
    expect(run.html).toContain(connections[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });

  it('When the flow succeeds, then the sealed HubSpot tokens are wiped from the flow record', async () => {
    h = await startHarness();
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    const record = await flowOf(run);
    expect(record.status).toBe('connected');
    expect(record).not.toHaveProperty('sealed');
    expect(record).not.toHaveProperty('pkceVerifier');
    expect(record.stepsDone).toEqual([
      'exchange-code',
      'introspect',
      'check-scopes',
      'check-owner',
      'ims-token',
      'upsert-connection',
      'verify',
    ]);
    expectNoSecretsIn(JSON.stringify(record), h);
  });
});

describe('dedupe on identity, not display', () => {
  it('When the connection was renamed in AEP, then the next connect updates the same connection', async () => {
    h = await startHarness();
    const first = await h.connect(h.browser());
    const [made] = h.sandbox.flowService.connections();
    made!.name = 'Marketing HubSpot (renamed in the AEP UI)';
    const second = await h.connect(h.browser());
    expect(second.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(second.html).toContain(made!.id);
    expect(second.html).toContain('connected again');
    expect(first.html).toContain(made!.id);
  });

  it('When the portal domain changed, then the next connect updates the same connection', async () => {
    h = await startHarness();
    await h.connect(h.browser());
    const [made] = h.sandbox.flowService.connections();
    h.sandbox.hubspot.setPortalDomain('acme-renamed.hubspot.com');
    const second = await h.connect(h.browser());
    expect(second.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(second.html).toContain(made!.id);
    expect(second.html).toContain('acme-renamed.hubspot.com');
  });

  it('When introspection has no hub_domain, then the flow connects and the page names the portal by hub id', async () => {
    h = await startHarness();
    const scopes = [...h.config.hubspot.scopes];
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: INTROSPECT_PATH },
      { status: 200, body: { active: true, hub_id: 20456789, scopes, token_type: 'access_token', client_id: h.config.hubspot.clientId } },
      Infinity,
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(run.html).toMatch(/data-testid="portal">hub id 20456789</);
    expect(h.sandbox.flowService.connections()[0]!.name).toBe('HubSpot hub 20456789');
  });
});

describe('throttling and outages are "unavailable, retry", never misconfiguration', () => {
  it.each([
    ['IMS', 'ims', IMS_PATH, 429],
    ['IMS', 'ims', IMS_PATH, 503],
    ['introspection', 'hubspot', INTROSPECT_PATH, 429],
  ] as const)('When %s answers %i twice, then the flow still connects', async (_name, sim, path, status) => {
    h = await startHarness();
    h.sandbox[sim].faults.inject({ method: 'POST', path }, { status, body: { message: 'slow down' } }, 2);
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(h.sandbox[sim].requests.find('POST', path)).toHaveLength(3);
  });

  it('When Flow Service answers the create with 429 and Retry-After twice, then the create is repeated and one connection is made', async () => {
    h = await startHarness();
    h.sandbox.flowService.faults.inject(
      { method: 'POST', path: CONNECTIONS },
      { status: 429, headers: { 'retry-after': '1' }, body: { error_code: '429050', message: 'Too many requests' } },
      2,
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });

  it('When IMS keeps answering 503 with an HTML page, then the page says IMS is unavailable and offers Retry', async () => {
    h = await startHarness();
    h.sandbox.ims.faults.inject({ method: 'POST', path: IMS_PATH }, { status: 503, body: '<html>Service Unavailable</html>' }, Infinity);
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(502);
    expect(run.html).toContain('ADOBE_IMS_UNAVAILABLE');
    expect(run.html).toContain('data-testid="retry-now"');
  });

  it('When Retry is pressed after an Adobe outage, then the flow resumes and connects without a second code exchange', async () => {
    h = await startHarness();
    h.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { status: 503, body: '' }, Infinity);
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(run.html).toContain('AEP_UNAVAILABLE');
    const retryPath = /<form method="post" action="([^"]+)"/.exec(run.html)?.[1];
    expect(retryPath).toBe(`${new URL(run.resultUrl).pathname}/retry`);
    const exchanges = h.sandbox.hubspot.requests.find('POST', TOKEN_PATH).length;
    h.sandbox.flowService.faults.clear();

    const retried = await browser.request(`${h.url}${retryPath}`, { method: 'POST' });
    expect(retried.status).toBe(303);
    const done = await h.followProgress(browser, new URL(retried.headers.get('location')!, h.url).toString());
    expect(done.result.status).toBe(200);
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
    expect(h.sandbox.hubspot.requests.find('POST', TOKEN_PATH)).toHaveLength(exchanges);
    expect(await flowOf(run)).not.toHaveProperty('sealed');
  });

  it('When another browser posts Retry for the flow, then it gets 404 and nothing runs', async () => {
    h = await startHarness();
    h.sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { status: 503, body: '' }, Infinity);
    const run = await h.connect(h.browser());
    const stranger = h.browser();
    await stranger.get(`${h.url}/connect`);
    const res = await stranger.request(`${run.resultUrl}/retry`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await flowOf(run)).status).toBe('failed');
  });
});

describe('verification', () => {
  it('When explore fails, then the connection still counts and the page warns what to check', async () => {
    h = await startHarness();
    h.sandbox.flowService.faults.inject({ method: 'GET', path: /\/explore$/ }, { status: 500, body: '' }, Infinity);
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(run.html).toContain('data-testid="verify-warning"');
    expect(run.html).toContain('Sources → Accounts');
    expect(h.sandbox.flowService.connections()).toHaveLength(1);
  });
});

describe('HubSpot answers that are outages, not misunderstandings', () => {
  it('When the token endpoint answers 503 with an HTML page, then the page says HubSpot is unavailable', async () => {
    h = await startHarness();
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: TOKEN_PATH },
      { status: 503, body: '<html><body>Service Unavailable</body></html>' },
    );
    const run = await h.connect(h.browser());
    expect(run.html).toContain('HUBSPOT_UNAVAILABLE');
    expect(run.html).not.toContain('HUBSPOT_BAD_RESPONSE');
  });
});

describe('what Retry cannot fix', () => {
  it('When a required scope is missing, then the page offers Start again, not Retry, and the tokens are wiped', async () => {
    h = await startHarness({ portal: { withheldScopes: ['crm.objects.deals.read'] } });
    const run = await h.connect(h.browser());
    expect(run.html).toContain('SCOPES_MISSING');
    expect(run.html).not.toContain('data-testid="retry-now"');
    expect(run.html).toContain('href="/connect"');
    expect(await flowOf(run)).not.toHaveProperty('sealed');
  });
});

describe('the code exchange', () => {
  it('When the token endpoint answers 429 twice, then the exchange is repeated (the code was not spent) and the flow connects', async () => {
    h = await startHarness();
    h.sandbox.hubspot.faults.inject(
      { method: 'POST', path: TOKEN_PATH },
      { status: 429, body: { status: 'RATE_LIMIT', message: 'slow down' } },
      2,
    );
    const run = await h.connect(h.browser());
    expect(run.result.status).toBe(200);
    expect(h.sandbox.hubspot.requests.find('POST', TOKEN_PATH)).toHaveLength(3);
  });

  it('When the token endpoint answers 503, then the exchange is not repeated and the page says HubSpot is unavailable', async () => {
    h = await startHarness();
    h.sandbox.hubspot.faults.inject({ method: 'POST', path: TOKEN_PATH }, { status: 503, body: { message: 'down' } }, 1);
    const run = await h.connect(h.browser());
    expect(run.html).toContain('HUBSPOT_UNAVAILABLE');
    expect(h.sandbox.hubspot.requests.find('POST', TOKEN_PATH)).toHaveLength(1);
  });
});

describe('flow events', () => {
  it('When flows end, then one event each says created, updated or failed, with the portal and no secret', async () => {
    const events: FlowEvent[] = [];
    h = await startHarness({ events: { emit: async (event) => void events.push(event) } });
    await h.connect(h.browser());
    await h.connect(h.browser());
    h.sandbox.flowService.faults.inject(
      { method: 'PATCH', path: /\/connections\/[^/]+$/ },
      { status: 403, body: { error_code: '403027' } },
    );
    await h.connect(h.browser());
    expect(events.map((e) => e.type)).toEqual(['connection.created', 'connection.updated', 'connection.failed']);
    const id = h.sandbox.flowService.connections()[0]!.id;
    expect(events[0]).toMatchObject({ connectionId: id, hubId: 20456789, hubDomain: 'acme-demo.hubspot.com' });
    expect(events[1]).toMatchObject({ connectionId: id });
    expect(events[2]).toMatchObject({ errorCode: 'AEP_FORBIDDEN', hubId: 20456789 });
    expectNoSecretsIn(JSON.stringify(events), h);
  });
});
