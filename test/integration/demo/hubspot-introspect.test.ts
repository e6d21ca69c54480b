import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideConsent, startHubSpotSimulator, type HubSpotSimOptions, type HubSpotSimulator } from '../../../src/demo/hubspot/index.js';

const APP = { client_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', client_secret: 'secret-a' };
const CALLBACK = 'https://connect.example.com/oauth/callback';
const SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.schemas.contacts.read'];

const options = (extra: Partial<HubSpotSimOptions> = {}): HubSpotSimOptions => ({
  apps: [{ clientId: APP.client_id, clientSecret: APP.client_secret, redirectUris: [CALLBACK], requiredScopes: SCOPES.slice(1) }],
  portal: { hubId: 1234567, domain: 'example.com', user: 'jdoe@example.com', userId: 222222, appId: 1234444 },
  ...extra,
});

interface Tokens {
  access_token: string;
  refresh_token: string;
}

let sim: HubSpotSimulator;
let expiring: HubSpotSimulator;
let tokens: Tokens;
beforeAll(async () => {
  sim = await startHubSpotSimulator(options());
  expiring = await startHubSpotSimulator(options({ accessTokenTtlSec: 0 }));
  tokens = await install(sim);
});
afterAll(async () => {
  await sim.close();
  await expiring.close();
});

const postForm = (target: HubSpotSimulator, path: string, params: Record<string, string>) =>
  fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });

async function install(target: HubSpotSimulator): Promise<Tokens> {
  const query = new URLSearchParams({ client_id: APP.client_id, redirect_uri: CALLBACK, scope: SCOPES.join(' ') });
  const granted = await decideConsent(`${target.authorizeUrl}?${query}`, 'grant');
  const code = new URL(granted.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const res = await postForm(target, '/oauth/v3/token', { ...APP, grant_type: 'authorization_code', redirect_uri: CALLBACK, code });
  return (await res.json()) as Tokens;
}

const introspect = (params: Record<string, string>, version = 'v3', target = sim) =>
  postForm(target, `/oauth/${version}/token/introspect`, { ...APP, ...params });

describe('HubSpot simulator: v3 / 2026-03 introspection', () => {
  it('When a live access token is introspected, Then it returns the documented access-token shape', async () => {
    const res = await introspect({ token: tokens.access_token, token_type_hint: 'access_token' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      token: tokens.access_token,
      hub_id: 1234567,
      user_id: 222222,
      client_id: APP.client_id,
      app_id: 1234444,
      user: 'jdoe@example.com',
      hub_domain: 'example.com',
      scopes: SCOPES,
      is_private_distribution: true,
      token_use: 'access_token',
      token_type: 'Bearer',
    });
    expect(body['expires_in']).toBeGreaterThan(1790);
    expect(body['expires_in']).toBeLessThanOrEqual(1800);
    expect(body['signed_access_token']).toMatchObject({
      hublet: 'na1',
      hubId: 1234567,
      userId: 222222,
      appId: 1234444,
      isUserLevel: false,
      scopes: expect.any(String),
      expiresAt: expect.any(Number),
    });
  });

  it('When the token is sent under access_token named by the hint (v3 guide style), Then it is accepted too', async () => {
    const res = await introspect({ access_token: tokens.access_token, token_type_hint: 'access_token' }, '2026-03');
    expect(await res.json()).toMatchObject({ active: true, token_use: 'access_token' });
  });

  it('When a refresh token is introspected, Then it returns the refresh-token shape', async () => {
    const shapes: Array<Record<string, string>> = [
      { token: tokens.refresh_token },
      { refresh_token: tokens.refresh_token, token_type_hint: 'refresh_token' },
    ];
    for (const params of shapes) {
      const body = (await (await introspect(params, '2026-03')).json()) as Record<string, unknown>;
      expect(body).toEqual({
        active: true,
        token: tokens.refresh_token,
        hub_id: 1234567,
        user_id: 222222,
        client_id: APP.client_id,
        app_id: 1234444,
        user: 'jdoe@example.com',
        hub_domain: 'example.com',
        scopes: SCOPES,
        token_use: 'refresh_token',
        token_type: 'Bearer',
      });
    }
  });

  it('When the token is unknown, Then it answers 200 {"active":false}', async () => {
    const res = await introspect({ token: 'not-a-token' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ active: false });
  });

  it('When the access token has expired, Then it is inactive everywhere', async () => {
    const stale = await install(expiring);
    expect(await (await introspect({ token: stale.access_token }, 'v3', expiring)).json()).toEqual({ active: false });
    expect((await fetch(`${expiring.url}/oauth/v1/access-tokens/${stale.access_token}`)).status).toBe(404);
  });

  it('When a refresh token is revoked, Then it introspects as inactive', async () => {
    const own = await install(sim);
    expect((await postForm(sim, '/oauth/2026-03/token/revoke', { ...APP, token: own.refresh_token })).status).toBe(200);
    expect(await (await introspect({ token: own.refresh_token })).json()).toEqual({ active: false });
  });

  it('When client credentials are wrong or missing, Then it answers BAD_CLIENT_SECRET / BAD_CLIENT_ID', async () => {
    const wrong = await introspect({ client_secret: 'wrong', token: tokens.access_token });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ status: 'BAD_CLIENT_SECRET', error: 'invalid_client' });
    const anonymous = await postForm(sim, '/oauth/v3/token/introspect', { token: tokens.access_token });
    expect(await anonymous.json()).toMatchObject({ status: 'BAD_CLIENT_ID', error: 'invalid_client' });
  });

  it('When parameters come in the query string, as JSON, or without a token, Then it answers invalid_request', async () => {
    const query = await fetch(`${sim.url}/oauth/v3/token/introspect?token=${tokens.access_token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(APP),
    });
    const json = await fetch(`${sim.url}/oauth/2026-03/token/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...APP, token: tokens.access_token }),
    });
    for (const res of [query, json, await introspect({})]) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request', status: 'BAD_REQUEST' });
    }
  });
});

describe('HubSpot simulator: legacy v1 token metadata', () => {
  it('When a live access token is looked up, Then it returns the v1 metadata shape', async () => {
    const res = await fetch(`${sim.url}/oauth/v1/access-tokens/${tokens.access_token}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      token: tokens.access_token,
      user: 'jdoe@example.com',
      hub_domain: 'example.com',
      scopes: SCOPES,
      hub_id: 1234567,
      app_id: 1234444,
      user_id: 222222,
      token_type: 'access',
      expires_in: expect.any(Number),
    });
  });

  it('When a live refresh token is looked up, Then it returns the v1 refresh metadata shape', async () => {
    const res = await fetch(`${sim.url}/oauth/v1/refresh-tokens/${tokens.refresh_token}`);
    expect(await res.json()).toEqual({
      token: tokens.refresh_token,
      user: 'jdoe@example.com',
      hub_domain: 'example.com',
      scopes: SCOPES,
      hub_id: 1234567,
      client_id: APP.client_id,
      user_id: 222222,
      token_type: 'refresh',
    });
  });

  it('When the token is unknown, Then it answers 404 with the legacy NOT_FOUND body', async () => {
    for (const path of ['/oauth/v1/access-tokens/nope', '/oauth/v1/refresh-tokens/nope']) {
      const res = await fetch(`${sim.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status: 'NOT_FOUND', message: expect.any(String), correlationId: expect.any(String) });
    }
  });
});
