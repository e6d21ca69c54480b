import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideConsent, startHubSpotSimulator, type HubSpotSimOptions, type HubSpotSimulator } from '../../../src/demo/hubspot/index.js';

const CLIENT_ID = '7fff1e36-2d40-4ae1-bbb1-5266d59564fb';
const SECRET = 'b1c2d3e4-secret-never-shown-0000';
const CALLBACK = 'http://localhost:3000/oauth-callback';
const CALLBACK_WITH_QUERY = 'https://connect.example.com/cb?tenant=a%20b';

const options = (denyMode: 'redirect' | 'none'): HubSpotSimOptions => ({
  apps: [
    {
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      redirectUris: [CALLBACK, CALLBACK_WITH_QUERY, 'http://127.0.0.1:3000/cb'],
      requiredScopes: ['oauth', 'crm.objects.contacts.read'],
      optionalScopes: ['crm.objects.deals.read', 'crm.schemas.contacts.read'],
    },
  ],
  portal: {
    hubId: 1234567,
    domain: 'example.com',
    user: 'jdoe@example.com',
    userId: 222222,
    withheldScopes: ['crm.schemas.contacts.read'],
  },
  denyMode,
});

let sim: HubSpotSimulator;
let silentSim: HubSpotSimulator;
beforeAll(async () => {
  sim = await startHubSpotSimulator(options('redirect'));
  silentSim = await startHubSpotSimulator(options('none'));
});
afterAll(async () => {
  await sim.close();
  await silentSim.close();
});

const installUrl = (overrides: Record<string, string | undefined> = {}, base = sim.authorizeUrl): string => {
  const params: Record<string, string | undefined> = {
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: 'oauth crm.objects.contacts.read',
    state: 'WeHH_yy2irpl8UYAvv-my',
    ...overrides,
  };
  const query = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return `${base}?${query}`;
};

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

async function expectErrorPage(url: string, wording: string | RegExp): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const body = await res.text();
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(decode(body)).toMatch(wording);
  return body;
}

describe('HubSpot simulator: install URL rejected with a hosted 400 page and no redirect', () => {
  it('When the redirect_uri is not registered, Then it shows the redirect-mismatch wording', async () => {
    await expectErrorPage(
      installUrl({ redirect_uri: 'https://other.example.com/cb' }),
      "Authorization failed as the redirect URL 'https://other.example.com/cb' doesn't match the app's registered redirect URL",
    );
  });

  it('When the redirect_uri uses an IP address host, Then it is refused even if registered', async () => {
    await expectErrorPage(installUrl({ redirect_uri: 'http://127.0.0.1:3000/cb' }), /IP addresses are not supported/);
    await expectErrorPage(installUrl({ redirect_uri: 'https://[::1]/cb' }), /IP addresses are not supported/);
  });

  it('When the redirect_uri is plain http on a host other than localhost, Then it is refused', async () => {
    await expectErrorPage(installUrl({ redirect_uri: 'http://connect.example.com/cb' }), /must use https/);
  });

  it('When the client_id is unknown or missing, Then it is refused', async () => {
    await expectErrorPage(installUrl({ client_id: '00000000-0000-0000-0000-000000000000' }), /client_id .* is invalid/);
    await expectErrorPage(installUrl({ client_id: undefined }), /client_id .* is invalid/);
  });

  it('When a scope name is unknown, Then it shows "An invalid scope name was provided"', async () => {
    await expectErrorPage(installUrl({ scope: 'oauth crm.objects.contacts.read contacts' }), 'An invalid scope name was provided');
    await expectErrorPage(installUrl({ optional_scope: 'crm.objects.nope.read' }), 'An invalid scope name was provided');
  });

  it('When scopes are comma-separated, Then it is an invalid scope name', async () => {
    await expectErrorPage(
      installUrl({ scope: 'oauth,crm.objects.contacts.read' }),
      /An invalid scope name was provided[\s\S]*space-separated/,
    );
  });

  it('When a required app scope (even the implicit oauth) is missing from scope, Then it shows the scope-mismatch wording', async () => {
    const mismatch = "mismatch between the scopes in the install URL and the app's configured scopes";
    await expectErrorPage(installUrl({ scope: 'crm.objects.contacts.read' }), mismatch);
    await expectErrorPage(installUrl({ scope: 'oauth', optional_scope: 'crm.objects.contacts.read' }), mismatch);
  });

  it('When scope has a known scope the app does not configure, Then it is a scope mismatch', async () => {
    await expectErrorPage(
      installUrl({ scope: 'oauth crm.objects.contacts.read crm.objects.companies.read' }),
      /mismatch between the scopes/,
    );
  });

  it('When scope is missing or empty, Then it is refused', async () => {
    await expectErrorPage(installUrl({ scope: undefined }), /mismatch between the scopes[\s\S]*no scope parameter/);
    await expectErrorPage(installUrl({ scope: '' }), /no scope parameter/);
  });

  it('When code_challenge_method is not S256, or a challenge comes without a method, Then it is refused', async () => {
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    await expectErrorPage(installUrl({ code_challenge: challenge, code_challenge_method: 'plain' }), /code_challenge_method must be S256/);
    await expectErrorPage(installUrl({ code_challenge: challenge }), /code_challenge_method must be S256/);
  });

  it('When a pinned portal id is not the signed-in account, Then it is refused', async () => {
    await expectErrorPage(installUrl({}, `${sim.url}/oauth/999/authorize`), /don't have access to account 999/);
  });

  it('When a parameter carries markup, Then the error page escapes it', async () => {
    const body = await expectErrorPage(installUrl({ redirect_uri: 'https://x.example/"><script>alert(1)</script>' }), /doesn't match/);
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
  });
});

describe('HubSpot simulator: consent screen', () => {
  it('When the install URL is valid, Then it shows app, account, scopes, Grant and Cancel, and no secret or script', async () => {
    const res = await fetch(installUrl({ optional_scope: 'crm.objects.deals.read crm.schemas.contacts.read' }));
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(body).toMatch(/<button[^>]*>Grant<\/button>/);
    expect(body).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(body).toMatch(/<form method="post" action="\/oauth\/authorize\/decision">/);
    expect(body).toMatch(/<input type="hidden" name="request_id" value="[A-Za-z0-9_-]+">/);
    expect(body).toContain(CLIENT_ID);
    expect(body).toContain('example.com');
    expect(body).toContain('1234567');
    expect(body).toContain('crm.objects.deals.read');
    expect(body).toMatch(/id="withheld-scopes">.*crm\.schemas\.contacts\.read/s);
    expect(body).not.toContain(SECRET);
    expect(body).not.toMatch(/<script|https?:\/\/(?!localhost)/i);
  });

  it('When scopes are joined with + or %20, Then both decode to spaces', async () => {
    const base = `${sim.authorizeUrl}?client_id=${CLIENT_ID}&redirect_uri=${encodeURIComponent(CALLBACK)}`;
    expect((await fetch(`${base}&scope=oauth+crm.objects.contacts.read`)).status).toBe(200);
    expect((await fetch(`${base}&scope=oauth%20crm.objects.contacts.read`)).status).toBe(200);
  });

  it('When the portal id in the path is the signed-in account, Then the consent screen shows', async () => {
    expect((await fetch(installUrl({}, `${sim.url}/oauth/1234567/authorize`))).status).toBe(200);
  });
});

describe('HubSpot simulator: Grant and Cancel', () => {
  it('When the user grants, Then it redirects to the redirect_uri with a na1- code and the unchanged state', async () => {
    const before = sim.stats().codesIssued;
    const res = await decideConsent(installUrl({ state: 'a b&c=d' }), 'grant');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('code')).toMatch(/^na1-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(location.searchParams.get('state')).toBe('a b&c=d');
    expect(sim.stats().codesIssued).toBe(before + 1);
  });

  it('When no state was sent, Then the redirect carries no state, and the redirect_uri query is kept verbatim', async () => {
    const res = await decideConsent(installUrl({ state: undefined, redirect_uri: CALLBACK_WITH_QUERY }), 'grant');
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^https:\/\/connect\.example\.com\/cb\?tenant=a%20b&code=na1-[0-9a-f-]+$/);
  });

  it('When the same consent screen is submitted twice, Then the second submission gets a 400 page', async () => {
    const page = await (await fetch(installUrl())).text();
    const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const submit = () =>
      fetch(`${sim.url}/oauth/authorize/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request_id: requestId, decision: 'grant' }),
        redirect: 'manual',
      });
    expect((await submit()).status).toBe(302);
    const second = await submit();
    expect(second.status).toBe(400);
    expect(second.headers.get('location')).toBeNull();
  });

  it('When the decision names an unknown request, Then it gets a 400 page', async () => {
    const res = await fetch(`${sim.url}/oauth/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'request_id=forged&decision=grant',
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  it('When the user cancels in redirect mode, Then it redirects with error=access_denied and the state', async () => {
    const res = await decideConsent(installUrl({ state: 'xyz' }), 'cancel');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('When the user cancels in none mode, Then HubSpot shows its own page and never calls back', async () => {
    const res = await decideConsent(installUrl({}, silentSim.authorizeUrl), 'cancel');
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('You cancelled the connection');
    expect(silentSim.stats().codesIssued).toBe(0);
  });
});
