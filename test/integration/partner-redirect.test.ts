import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

const RETURN_URL = 'https://portal.acme.example/aep/done';

describe('redirect mode: the browser goes back to the partner’s registered return URL', () => {
  let h: Harness;
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, returnUrls: [RETURN_URL, 'http://127.0.0.1:4999/done'] }]) });
  });
  afterAll(() => h.close());
  const api = () => partnerApi(h.url, key);

  it('sends a 303 to the return URL with exactly session_id, status, connection_id and state', async () => {
    const { id, url } = await (await api().create({ return_url: RETURN_URL, partner_state: 'opaque&state=1' })).json();
    const run = await followSession(h.browser(), url);
    expect(run.callback.status).toBe(303);
    const back = new URL(run.location);
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    expect([...back.searchParams.keys()].sort()).toEqual(['connection_id', 'session_id', 'state', 'status']);
    expect(back.searchParams.get('session_id')).toBe(id);
    expect(back.searchParams.get('status')).toBe('completed');
    expect(back.searchParams.get('state')).toBe('opaque&state=1');
    const session = await (await api().read(id)).json();
    expect(back.searchParams.get('connection_id')).toBe(session.connection_id);
  });

  it('reports a refused consent as status=failed with the error code, and no connection id', async () => {
    const { id, url } = await (await api().create({ return_url: RETURN_URL })).json();
    const run = await followSession(h.browser(), url, 'cancel');
    const back = new URL(run.location);
    expect(Object.fromEntries(back.searchParams)).toEqual({ session_id: id, status: 'failed', error: 'CONSENT_DENIED' });
    expect((await (await api().read(id)).json()).status).toBe('failed');
  });

  it('sends a session without return_url to our own result page', async () => {
    const { url } = await (await api().create({})).json();
    const run = await followSession(h.browser(), url);
    expect(run.location).toMatch(/^\/result\/[0-9a-f-]{36}$/);
  });

  // OWASP Unvalidated Redirects and Forwards cheat sheet, plus the usual parser-confusion variants.
  it.each([
    ['another host', 'https://evil.example/aep/done'],
    ['a look-alike host', 'https://portal.acme.example.evil.example/aep/done'],
    ['a look-alike suffix', 'https://evilportal.acme.example/aep/done'],
    ['userinfo', 'https://portal.acme.example@evil.example/aep/done'],
    ['userinfo matching the host', 'https://portal.acme.example:x@portal.acme.example/aep/done'],
    ['a protocol-relative // prefix', '//evil.example/aep/done'],
    ['a triple slash', '///evil.example/aep/done'],
    ['backslashes', 'https:\\\\evil.example\\aep\\done'],
    ['a backslash after the host', 'https://portal.acme.example\\@evil.example/aep/done'],
    ['encoded dots', 'https://portal.acme.example/aep/%2e%2e/done'],
    ['dot segments', 'https://portal.acme.example/aep/../aep/done'],
    ['a path prefix match', 'https://portal.acme.example/aep/done/../../evil'],
    ['a longer path', 'https://portal.acme.example/aep/done/more'],
    ['extra query parameters', 'https://portal.acme.example/aep/done?next=https://evil.example'],
    ['a fragment', 'https://portal.acme.example/aep/done#x'],
    ['http instead of https', 'http://portal.acme.example/aep/done'],
    ['another port', 'https://portal.acme.example:8443/aep/done'],
    ['upper-case host', 'https://PORTAL.acme.example/aep/done'],
    ['a trailing dot on the host', 'https://portal.acme.example./aep/done'],
    ['javascript:', 'javascript:alert(1)//portal.acme.example/aep/done'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['leading whitespace', ' https://portal.acme.example/aep/done'],
    ['a tab inside', 'https://portal.acme\t.example/aep/done'],
    ['an encoded newline', 'https://portal.acme.example/aep/done%0d%0aLocation:%20https://evil.example'],
    ['a relative path', '/aep/done'],
  ])('refuses a return_url with %s', async (_trick, returnUrl) => {
    const res = await api().create({ return_url: returnUrl });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'REQUEST_INVALID', message: expect.any(String), fields: ['return_url'] } });
  });

  it('accepts http only for a registered loopback return URL', async () => {
    expect((await api().create({ return_url: 'http://127.0.0.1:4999/done' })).status).toBe(201);
  });
});
