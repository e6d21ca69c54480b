import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideConsent,
  pkceS256Challenge,
  startHubSpotSimulator,
  type HubSpotSimOptions,
  type HubSpotSimulator,
} from '../../../src/demo/hubspot/index.js';

const APP = { clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', clientSecret: 'secret-a' };
const OTHER = { clientId: 'ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee', clientSecret: 'secret-b' };
const APP_AUTH = () => ({ client_id: APP.clientId, client_secret: APP.clientSecret });
const CALLBACK = 'http://localhost:3000/oauth-callback';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

const options = (extra: Partial<HubSpotSimOptions> = {}): HubSpotSimOptions => ({
  apps: [
    { ...APP, redirectUris: [CALLBACK], requiredScopes: ['crm.objects.contacts.read'], optionalScopes: ['crm.objects.deals.read'] },
    { ...OTHER, redirectUris: [CALLBACK], requiredScopes: ['crm.objects.contacts.read'] },
  ],
  portal: { hubId: 1234567, domain: 'example.com', user: 'jdoe@example.com', userId: 222222, withheldScopes: ['crm.objects.deals.read'] },
  ...extra,
});

let sim: HubSpotSimulator;
let shortCodes: HubSpotSimulator;
beforeAll(async () => {
  sim = await startHubSpotSimulator(options());
  shortCodes = await startHubSpotSimulator(options({ codeTtlMs: 30 }));
});
afterAll(async () => {
  await sim.close();
  await shortCodes.close();
});

/** Installs through the consent screen and returns the code from the 302. */
async function getCode(target = sim, extra: Record<string, string> = {}, client = APP): Promise<string> {
  const query = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: CALLBACK,
    scope: 'oauth crm.objects.contacts.read',
    ...extra,
  });
  const res = await decideConsent(`${target.authorizeUrl}?${query}`, 'grant');
  return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

const codeParams = (code: string, extra: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  client_id: APP.clientId,
  client_secret: APP.clientSecret,
  redirect_uri: CALLBACK,
  code,
  ...extra,
});

const postForm = (path: string, params: Record<string, string>, target = sim) =>
  fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });

async function expectOAuthError(res: Response, status: string, error: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status).toBe(400);
  expect(body).toMatchObject({ status, error });
  expect(body['error_description']).toBe(body['message']);
  expect(body['correlationId']).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

describe('HubSpot simulator: authorization_code exchange', () => {
  it('When a fresh code is exchanged on v3, Then it returns the v3 token shape with the granted scopes', async () => {
    const before = sim.stats();
    const res = await postForm('/oauth/v3/token', codeParams(await getCode()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800, hub_id: 1234567, user_id: 222222, token_use: 'access_token' });
    expect(body['scopes']).toEqual(['oauth', 'crm.objects.contacts.read']);
    expect(body['refresh_token']).toMatch(/^na1-[0-9a-f]{4}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    expect(body['access_token']).toMatch(/^[A-Za-z0-9_-]{100,300}$/);
    expect(sim.stats()).toEqual({
      codesIssued: before.codesIssued + 1,
      codesExchanged: before.codesExchanged + 1,
      tokensIssued: before.tokensIssued + 1,
    });
  });

  it('When an optional scope is withheld by the account, Then the token lacks it', async () => {
    const res = await postForm('/oauth/2026-03/token', codeParams(await getCode(sim, { optional_scope: 'crm.objects.deals.read' })));
    expect(((await res.json()) as { scopes: string[] }).scopes).toEqual(['oauth', 'crm.objects.contacts.read']);
  });

  it('When v1 gets its parameters in the query string, Then it accepts them', async () => {
    const query = new URLSearchParams(codeParams(await getCode()));
    const res = await fetch(`${sim.url}/oauth/v1/token?${query}`, { method: 'POST' });
    expect(res.status).toBe(200);
  });

  it('When the body is JSON, Then it answers BAD_GRANT_TYPE on every version', async () => {
    for (const version of ['v1', 'v3', '2026-03']) {
      const res = await fetch(`${sim.url}/oauth/${version}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(codeParams(await getCode())),
      });
      const body = await expectOAuthError(res, 'BAD_GRANT_TYPE', 'unsupported_grant_type');
      expect(body['message']).toBe('missing or unknown grant type');
    }
  });

  it('When v3 or 2026-03 get any parameter in the query string, Then they answer invalid_request', async () => {
    const code = await getCode();
    for (const version of ['v3', '2026-03']) {
      const res = await fetch(`${sim.url}/oauth/${version}/token?client_secret=${APP.clientSecret}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(codeParams(code)),
      });
      await expectOAuthError(res, 'BAD_REQUEST', 'invalid_request');
    }
    expect((await postForm('/oauth/v3/token', codeParams(code))).status).toBe(200);
  });

  it('When grant_type is unsupported, Then it answers BAD_GRANT_TYPE', async () => {
    await expectOAuthError(
      await postForm('/oauth/v3/token', codeParams('x', { grant_type: 'password' })),
      'BAD_GRANT_TYPE',
      'unsupported_grant_type',
    );
  });

  it('When the client_id is unknown or the secret is wrong, Then it answers BAD_CLIENT_ID / BAD_CLIENT_SECRET', async () => {
    const code = await getCode();
    await expectOAuthError(await postForm('/oauth/v3/token', codeParams(code, { client_id: 'nope' })), 'BAD_CLIENT_ID', 'invalid_client');
    await expectOAuthError(
      await postForm('/oauth/v3/token', codeParams(code, { client_secret: 'wrong' })),
      'BAD_CLIENT_SECRET',
      'invalid_client',
    );
  });

  it('When a code is exchanged a second time, Then it answers BAD_AUTH_CODE', async () => {
    const code = await getCode();
    expect((await postForm('/oauth/v3/token', codeParams(code))).status).toBe(200);
    const body = await expectOAuthError(await postForm('/oauth/v3/token', codeParams(code)), 'BAD_AUTH_CODE', 'invalid_grant');
    expect(body['message']).toBe('missing or unknown auth code');
  });

  it('When a code is unknown or belongs to another client, Then it answers BAD_AUTH_CODE', async () => {
    await expectOAuthError(
      await postForm('/oauth/v3/token', codeParams('na1-0000-0000-0000-0000-000000000000')),
      'BAD_AUTH_CODE',
      'invalid_grant',
    );
    const foreign = await getCode(sim, {}, OTHER);
    await expectOAuthError(await postForm('/oauth/v3/token', codeParams(foreign)), 'BAD_AUTH_CODE', 'invalid_grant');
  });

  it('When a code is exchanged after its TTL, Then it answers EXPIRED_AUTH_CODE', async () => {
    const code = await getCode(shortCodes);
    await new Promise((r) => setTimeout(r, 80));
    await expectOAuthError(await postForm('/oauth/v3/token', codeParams(code), shortCodes), 'EXPIRED_AUTH_CODE', 'invalid_grant');
  });

  it('When redirect_uri differs from the authorize one, Then it answers BAD_REDIRECT_URI and the code survives', async () => {
    const code = await getCode();
    for (const redirect_uri of [`${CALLBACK}/`, 'http://localhost:3000/other']) {
      await expectOAuthError(await postForm('/oauth/v3/token', codeParams(code, { redirect_uri })), 'BAD_REDIRECT_URI', 'invalid_grant');
    }
    const { redirect_uri: _omitted, ...withoutRedirect } = codeParams(code);
    await expectOAuthError(await postForm('/oauth/v3/token', withoutRedirect), 'BAD_REDIRECT_URI', 'invalid_grant');
    expect((await postForm('/oauth/v3/token', codeParams(code))).status).toBe(200);
  });
});

describe('HubSpot simulator: PKCE', () => {
  const pkce = { code_challenge: pkceS256Challenge(VERIFIER), code_challenge_method: 'S256' };

  it('When a challenge was sent and the verifier is missing or wrong, Then it answers invalid_grant about code_verifier', async () => {
    const code = await getCode(sim, pkce);
    const missing = await expectOAuthError(await postForm('/oauth/v3/token', codeParams(code)), 'BAD_AUTH_CODE', 'invalid_grant');
    expect(missing['message']).toMatch(/code_verifier/);
    const wrong = codeParams(code, { code_verifier: `${VERIFIER.slice(1)}x` });
    await expectOAuthError(await postForm('/oauth/v3/token', wrong), 'BAD_AUTH_CODE', 'invalid_grant');
  });

  it('When the verifier matches the S256 challenge, Then the exchange succeeds', async () => {
    expect(pkceS256Challenge(VERIFIER)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'); // RFC 7636 Appendix B
    const code = await getCode(sim, pkce);
    expect((await postForm('/oauth/v3/token', codeParams(code, { code_verifier: VERIFIER }))).status).toBe(200);
  });

  it('When no challenge was sent, Then a verifier is ignored', async () => {
    expect((await postForm('/oauth/v3/token', codeParams(await getCode(), { code_verifier: VERIFIER }))).status).toBe(200);
  });
});

describe('HubSpot simulator: refresh_token grant and revocation', () => {
  const refreshParams = (refresh_token: string, client = APP) => ({
    grant_type: 'refresh_token',
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token,
  });
  const initialTokens = async () =>
    (await (await postForm('/oauth/v3/token', codeParams(await getCode()))).json()) as { access_token: string; refresh_token: string };

  it('When refreshing, Then it issues a new access token and returns the same refresh token', async () => {
    const first = await initialTokens();
    const before = sim.stats().tokensIssued;
    const res = await postForm('/oauth/2026-03/token', refreshParams(first.refresh_token));
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body['refresh_token']).toBe(first.refresh_token);
    expect(body['access_token']).not.toBe(first.access_token);
    expect(body['scopes']).toEqual(['oauth', 'crm.objects.contacts.read']);
    expect(sim.stats().tokensIssued).toBe(before + 1);
  });

  it('When the refresh token is unknown or another client presents it, Then it answers BAD_REFRESH_TOKEN', async () => {
    const body = await expectOAuthError(await postForm('/oauth/v3/token', refreshParams('na1-dead')), 'BAD_REFRESH_TOKEN', 'invalid_grant');
    expect(body['message']).toBe('refresh token is invalid, expired or revoked');
    const { refresh_token } = await initialTokens();
    await expectOAuthError(await postForm('/oauth/v3/token', refreshParams(refresh_token, OTHER)), 'BAD_REFRESH_TOKEN', 'invalid_grant');
  });

  it('When the refresh token is revoked via 2026-03, Then revoke answers 200 empty and refresh fails', async () => {
    const { refresh_token } = await initialTokens();
    const revoke = await postForm('/oauth/2026-03/token/revoke', { ...APP_AUTH(), token: refresh_token, token_type_hint: 'refresh_token' });
    expect(revoke.status).toBe(200);
    expect(await revoke.text()).toBe('');
    await expectOAuthError(await postForm('/oauth/v3/token', refreshParams(refresh_token)), 'BAD_REFRESH_TOKEN', 'invalid_grant');
  });

  it('When revoke is called with a bad secret, Then nothing is revoked', async () => {
    const { refresh_token } = await initialTokens();
    const res = await postForm('/oauth/2026-03/token/revoke', { ...APP_AUTH(), client_secret: 'wrong', token: refresh_token });
    await expectOAuthError(res, 'BAD_CLIENT_SECRET', 'invalid_client');
    expect((await postForm('/oauth/v3/token', refreshParams(refresh_token))).status).toBe(200);
  });

  it('When the refresh token is deleted via legacy v1, Then it answers 204 and refresh fails', async () => {
    const { refresh_token } = await initialTokens();
    expect((await fetch(`${sim.url}/oauth/v1/refresh-tokens/${refresh_token}`, { method: 'DELETE' })).status).toBe(204);
    await expectOAuthError(await postForm('/oauth/v1/token', refreshParams(refresh_token)), 'BAD_REFRESH_TOKEN', 'invalid_grant');
  });
});

describe('HubSpot simulator: fault injection, request log, unknown paths', () => {
  it('When a fault is armed, Then the next matching request gets the injected status and body, once', async () => {
    sim.faults.inject({ method: 'POST', path: '/oauth/v3/token' }, { status: 503, body: { message: 'injected' } });
    const res = await postForm('/oauth/v3/token', codeParams('x'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: 'injected' });
    expect((await postForm('/oauth/v3/token', codeParams('x'))).status).toBe(400);
  });

  it('When a drop fault is armed, Then the connection is cut without an answer', async () => {
    sim.faults.inject({ path: '/oauth/v3/token' }, { drop: true });
    await expect(postForm('/oauth/v3/token', codeParams('x'))).rejects.toThrow();
  });

  it('When a request arrives, Then the request log keeps its raw form body', async () => {
    sim.requests.clear();
    await postForm('/oauth/v3/token', codeParams('logged-code'));
    const [entry] = sim.requests.find('POST', '/oauth/v3/token');
    expect(new URLSearchParams(entry?.rawBody).get('code')).toBe('logged-code');
  });

  it('When the path is unknown (or the method wrong), Then it answers 404 in the generic error schema', async () => {
    for (const res of [await fetch(`${sim.url}/oauth/v3/introspect`, { method: 'POST' }), await fetch(`${sim.url}/oauth/v3/token`)]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        category: 'OBJECT_NOT_FOUND',
        message: expect.any(String),
        correlationId: expect.any(String),
      });
    }
  });
});
