import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { startHarness, type Harness } from '../support/harness.js';

const logged = (h: Harness) => h.logLines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number });
const ERROR_LEVEL = 50;

describe('bad input, request ids and planted sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('When the result path is not valid percent-encoding, then 404 with the error page and no error-level log line', async () => {
    h.logLines.length = 0;
    for (const path of ['/result/%', '/result/%E0%A4%A', '/%']) {
      const res = await h.browser().get(`${h.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('NOT_FOUND');
    }
    const lines = logged(h);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('When a request carries a sane X-Request-Id, then it is echoed and logged; an unsafe one is replaced', async () => {
    h.logLines.length = 0;
    const kept = await fetch(`${h.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    expect(logged(h).some((l) => l.requestId === 'lb-7f3a.42' && l.msg === 'request')).toBe(true);
    const replaced = await fetch(`${h.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('An error page shows the request id to quote to support, the same as the X-Request-Id header', async () => {
    const res = await h.browser().get(`${h.url}/oauth/callback?code=x`);
    const id = res.headers.get('x-request-id');
    expect(id).toBeTruthy();
    expect(await res.text()).toContain(`data-testid="request-id">${id}<`);
  });

  it('A failed flow’s page also shows the flow id', async () => {
    const run = await h.connect(h.browser(), 'cancel');
    const flowId = new URL(run.resultUrl).pathname.split('/').pop();
    expect(run.html).toContain(`data-testid="flow-id">${flowId}<`);
  });

  it('When a session cookie is planted in a browser, then /connect gives that browser a new session and the planter cannot read its result', async () => {
    const planter = h.browser();
    await planter.get(`${h.url}/connect`);
    const planted = planter.cookieHeaderFor('localhost');
    expect(planted).toMatch(/^hac\.sid=/);

    // The victim's first request carries the planted cookie (as if set by a sibling subdomain or a script).
    const victim = h.browser();
    const start = await victim.get(`${h.url}/connect`, { cookie: planted });
    expect(start.status).toBe(302);
    expect(victim.cookieHeaderFor('localhost')).toMatch(/^hac\.sid=/);
    expect(victim.cookieHeaderFor('localhost')).not.toBe(planted);
    const consent = await decideConsent(start.headers.get('location')!, 'grant');
    const callback = await victim.get(new URL(consent.headers.get('location')!, h.url).toString());
    const resultUrl = new URL(callback.headers.get('location')!, h.url).toString();
    expect((await victim.get(resultUrl)).status).toBe(200);

    const peek = await planter.get(resultUrl);
    expect(peek.status).toBe(404);
  });
});
