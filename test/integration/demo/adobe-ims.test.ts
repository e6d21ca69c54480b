import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImsSimulator, type ImsSimulator } from '../../../src/demo/adobe/ims/index.js';

const CREDENTIAL = {
  clientId: 'aep-client',
  clientSecret: 'p8e-secret',
  orgId: '5C1328435BF324E90A49402A@AdobeOrg',
  scopes: ['openid', 'AdobeID', 'read_organizations', 'additional_info.projectedProductContext', 'session'],
};
const AEP_SCOPES = CREDENTIAL.scopes.join(',');
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const validFields = {
  grant_type: 'client_credentials',
  client_id: CREDENTIAL.clientId,
  client_secret: CREDENTIAL.clientSecret,
  scope: AEP_SCOPES,
};

describe('IMS simulator: POST /ims/token/v3', () => {
  let ims: ImsSimulator;
  const requestToken = (body: string, init: { headers?: Record<string, string>; query?: string } = {}) =>
    fetch(`${ims.tokenUrl}${init.query ? `?${init.query}` : ''}`, { method: 'POST', headers: init.headers ?? FORM, body });

  beforeAll(async () => {
    ims = await startImsSimulator({ credentials: [CREDENTIAL] });
  });
  afterAll(() => ims.close());

  it('When the credential is valid, Then 200 with an opaque bearer token valid for 86399 s, not cacheable', async () => {
    const before = ims.tokensIssued();
    const response = await requestToken(form(validFields));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86399 });
    expect(ims.tokensIssued()).toBe(before + 1);

    const issued = ims.verify(body['access_token'] as string);
    expect(issued).toMatchObject({ clientId: CREDENTIAL.clientId, orgId: CREDENTIAL.orgId, scopes: CREDENTIAL.scopes });
    expect(issued!.expiresAt).toBeGreaterThan(Date.now() + 86_000_000);
  });

  it('When the parameters come in the query string, Then they are accepted as well', async () => {
    const response = await requestToken('', { query: form(validFields) });
    expect(response.status).toBe(200);
  });

  it('When a parameter is in both the query and the body, Then the body value wins', async () => {
    const wrongInQuery = await requestToken(form(validFields), { query: form({ client_secret: 'wrong' }) });
    expect(wrongInQuery.status).toBe(200);
    const wrongInBody = await requestToken(form({ ...validFields, client_secret: 'wrong' }), { query: form(validFields) });
    expect(await wrongInBody.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client_secret parameter' });
  });

  it('When the body is JSON instead of a form, Then 400 invalid_request', async () => {
    const response = await requestToken(JSON.stringify(validFields), { headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it.each([
    [
      'the grant type is not client_credentials',
      'unsupported_grant_type',
      { grant_type: 'authorization_code' },
      'unsupported grant_type parameter',
    ],
    ['the client_id is unknown', 'invalid_client', { client_id: 'nobody' }, 'invalid client_id parameter'],
    ['the client_secret is wrong', 'invalid_client', { client_secret: 'guess' }, 'invalid client_secret parameter'],
    ['the scope list is space-separated', 'invalid_scope', { scope: 'openid AdobeID' }, "invalid scope 'openid AdobeID'"],
    [
      'a scope is not allowed for the credential',
      'invalid_scope',
      { scope: 'openid,acp.core.pipeline' },
      "invalid scope 'acp.core.pipeline'",
    ],
    ['the scope is empty', 'invalid_request', { scope: '' }, 'missing scope parameter'],
  ])('When %s, Then 400 %s', async (_case, error, override, description) => {
    const response = await requestToken(form({ ...validFields, ...override }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error, error_description: description });
  });

  it('When a required parameter is missing, Then 400 invalid_request naming it', async () => {
    const { scope: _omitted, ...withoutScope } = validFields;
    const response = await requestToken(form(withoutScope));
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'missing scope parameter' });
  });

  it('When a parameter is repeated in the body, Then 400 invalid_request (RFC 6749 §3.2)', async () => {
    const response = await requestToken(`${form(validFields)}&scope=openid`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('When tokens are revoked, Then verify no longer knows them', async () => {
    const { access_token: token } = (await (await requestToken(form(validFields))).json()) as { access_token: string };
    expect(ims.verify(token)).toBeDefined();
    ims.revokeAll();
    expect(ims.verify(token)).toBeUndefined();
    expect(ims.verify('made-up')).toBeUndefined();
  });

  it('When another IMS path is called, Then 404', async () => {
    const response = await fetch(`${ims.url}/ims/token/v2`, { method: 'POST', headers: FORM, body: form(validFields) });
    expect(response.status).toBe(404);
  });

  it('When a 503 fault is armed once, Then one request fails and the next succeeds, and both are logged', async () => {
    ims.requests.clear();
    ims.faults.inject({ method: 'POST', path: '/ims/token/v3' }, { status: 503, body: { error: 'temporarily_unavailable' } });
    expect((await requestToken(form(validFields))).status).toBe(503);
    expect((await requestToken(form(validFields))).status).toBe(200);
    const logged = ims.requests.find('POST', '/ims/token/v3');
    expect(logged).toHaveLength(2);
    expect(logged[0]!.rawBody).toContain('grant_type=client_credentials');
  });

  it('When a drop fault is armed, Then the connection closes without an answer', async () => {
    ims.faults.inject({ path: '/ims/token/v3' }, { drop: true });
    await expect(requestToken(form(validFields))).rejects.toThrow();
    expect((await requestToken(form(validFields))).status).toBe(200);
  });
});

describe('IMS simulator: token lifetime', () => {
  it('When expiresInSec elapses, Then verify treats the token as unknown', async () => {
    const ims = await startImsSimulator({ credentials: [CREDENTIAL], expiresInSec: 0 });
    try {
      const response = await fetch(ims.tokenUrl, { method: 'POST', headers: FORM, body: form(validFields) });
      const body = (await response.json()) as { access_token: string; expires_in: number };
      expect(body.expires_in).toBe(0);
      expect(ims.verify(body.access_token)).toBeUndefined();
    } finally {
      await ims.close();
    }
  });
});
