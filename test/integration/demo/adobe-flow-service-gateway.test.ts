import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdobeSimulators, type AdobeSimulators } from '../../../src/demo/adobe/index.js';
import type { ImsSimCredential } from '../../../src/demo/adobe/ims/index.js';
import { platformHeaders } from '../../support/platform-client.js';

const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid', 'AdobeID'] };
const OTHER_APP: ImsSimCredential = { ...APP, clientId: 'other-app', clientSecret: 'other-secret' };
const BASE_PATH = '/data/foundation/flowservice';

let adobe: AdobeSimulators;
let headers: Record<string, string>;

const headersFor = (credential: ImsSimCredential, sandbox = 'prod') => platformHeaders(adobe.ims, credential, sandbox);

async function send(method: string, path: string, requestHeaders: Record<string, string>, body?: string) {
  const response = await fetch(`${adobe.flowService.url}${path}`, { method, headers: requestHeaders, body });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

const HUBSPOT_BODY = JSON.stringify({
  name: 'HubSpot',
  auth: { specName: 'Basic Authentication', params: { clientId: 'a', clientSecret: 'b', accessToken: 'c', refreshToken: 'd' } },
  connectionSpec: { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' },
});

beforeAll(async () => {
  adobe = await startAdobeSimulators({ ims: { credentials: [APP, OTHER_APP] }, flowService: { sandboxes: ['prod', 'dev'] } });
  headers = await headersFor(APP);
});
afterAll(() => adobe.close());

describe('Flow Service simulator: gateway header checks (docs/reference/adobe-flow-service.md §3.2)', () => {
  it.each([
    ['Authorization is missing', () => without('authorization'), 403, { error_code: '403010', message: 'Oauth token is missing.' }],
    [
      'Authorization is not a Bearer token',
      () => ({ ...headers, authorization: 'Basic YTpi' }),
      401,
      { error_code: '401013', message: 'Oauth token is not valid' },
    ],
    [
      'the Bearer token is unknown',
      () => ({ ...headers, authorization: 'Bearer not-issued' }),
      401,
      { error_code: '401013', message: 'Oauth token is not valid' },
    ],
    ['x-api-key is missing', () => without('x-api-key'), 403, { error_code: '403000', message: 'Api Key is required' }],
    [
      "x-api-key is not the token's client",
      () => ({ ...headers, 'x-api-key': OTHER_APP.clientId }),
      403,
      { error_code: '403003', message: 'Api Key is invalid' },
    ],
    ['x-gw-ims-org-id is missing', () => without('x-gw-ims-org-id'), 400, { error_code: '400003', message: 'Missing header' }],
    [
      "x-gw-ims-org-id is not the token's org",
      () => ({ ...headers, 'x-gw-ims-org-id': 'FFFF@AdobeOrg' }),
      403,
      { error_code: '403025', message: 'Profile is not valid' },
    ],
  ])('When %s, Then the gateway answers', async (_case, build, status, body) => {
    const response = await send('GET', `${BASE_PATH}/connections`, build());
    expect(response).toEqual({ status, body });
  });

  it('When x-sandbox-name is missing, Then 400 FLOW-2105-400 (strict: no default sandbox)', async () => {
    const response = await send('GET', `${BASE_PATH}/connections`, without('x-sandbox-name'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      type: 'https://ns.adobe.com/aep/errors/FLOW-2105-400',
      title: 'Header is missing',
      status: 400,
      report: { 'detailed-message': expect.stringContaining('x-sandbox-name'), 'request-id': expect.any(String) },
      errorMessage: expect.stringContaining('x-sandbox-name'),
      errorDetails: expect.any(String),
    });
  });

  it('When the sandbox does not exist (names are lowercase, so "Prod" does not), Then 404 FLOW-2100-404', async () => {
    const response = await send('GET', `${BASE_PATH}/connections`, { ...headers, 'x-sandbox-name': 'Prod' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'https://ns.adobe.com/aep/errors/FLOW-2100-404', title: 'Sandbox not found' });
  });

  it('When several headers are wrong, Then the first check in gateway order answers', async () => {
    const response = await send('GET', `${BASE_PATH}/connections`, {
      authorization: headers['authorization']!,
      'x-sandbox-name': 'nowhere',
    });
    expect(response.body).toEqual({ error_code: '403000', message: 'Api Key is required' });
  });

  it('When a configured non-default sandbox is named, Then the request is served', async () => {
    const response = await send('GET', `${BASE_PATH}/connections`, { ...headers, 'x-sandbox-name': 'dev' });
    expect(response).toEqual({ status: 200, body: { items: [] } });
  });

  it('When the request targets an item route, Then the same checks apply before the lookup', async () => {
    const response = await send('GET', `${BASE_PATH}/connections/anything/explore?objectType=root`, without('authorization'));
    expect(response.status).toBe(403);
  });

  it('When IMS has revoked the token, Then 401 401013', async () => {
    const stale = await headersFor(APP);
    adobe.ims.revokeAll();
    const response = await send('GET', `${BASE_PATH}/connections`, stale);
    expect(response).toEqual({ status: 401, body: { error_code: '401013', message: 'Oauth token is not valid' } });
    headers = await headersFor(APP);
  });
});

describe('Flow Service simulator: Content-Type on requests with a body (docs/reference/adobe-flow-service.md §3.1, §3.2)', () => {
  const badContentType = {
    type: '/placeholder/type/uri',
    status: 400,
    title: 'BadRequestError',
    detail: 'A valid content-type must be specified',
  };

  it.each([
    ['is missing', undefined],
    ['is text/plain', 'text/plain'],
    ['is the JSON Patch type on a POST', 'application/json-patch+json'],
  ])('When a POST Content-Type %s, Then 400 BadRequestError', async (_case, contentType) => {
    const requestHeaders = contentType ? { ...headers, 'content-type': contentType } : headers;
    const response = await send('POST', `${BASE_PATH}/connections`, requestHeaders, HUBSPOT_BODY);
    expect(response).toEqual({ status: 400, body: badContentType });
  });

  it('When a POST says application/json with a charset, Then it is accepted', async () => {
    const response = await send(
      'POST',
      `${BASE_PATH}/connections`,
      { ...headers, 'content-type': 'application/json; charset=utf-8' },
      HUBSPOT_BODY,
    );
    expect(response.status).toBe(201);
  });

  it('When a PATCH has no Content-Type, Then 400; with application/json-patch+json, Then 200', async () => {
    const created = await send('POST', `${BASE_PATH}/connections`, { ...headers, 'content-type': 'application/json' }, HUBSPOT_BODY);
    const { id, etag } = created.body as { id: string; etag: string };
    const patch = JSON.stringify([{ op: 'replace', path: '/name', value: 'Renamed' }]);
    const path = `${BASE_PATH}/connections/${id}`;
    expect(await send('PATCH', path, { ...headers, 'if-match': etag }, patch)).toEqual({ status: 400, body: badContentType });
    const accepted = await send('PATCH', path, { ...headers, 'if-match': etag, 'content-type': 'application/json-patch+json' }, patch);
    expect(accepted.status).toBe(200);
  });
});

describe('Flow Service simulator: unknown routes', () => {
  it.each([
    ['GET', `${BASE_PATH}/flowSpecs`],
    ['PUT', `${BASE_PATH}/connections/some-id`],
    ['GET', '/somewhere/else'],
  ])('When %s %s is called, Then 404 with a FLOW-1101-404 body', async (method, path) => {
    const response = await send(method, path, headers);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'https://ns.adobe.com/aep/errors/FLOW-1101-404', status: 404 });
  });
});

describe('Flow Service simulator: fault injection and request log', () => {
  const listPath = `${BASE_PATH}/connections`;

  it('When a 503 is armed once, Then the next call gets it and the one after is served', async () => {
    adobe.flowService.faults.inject({ method: 'GET', path: listPath }, { status: 503, body: { message: 'unavailable' } });
    expect((await send('GET', listPath, headers)).status).toBe(503);
    expect((await send('GET', listPath, headers)).status).toBe(200);
  });

  it('When a drop is armed, Then the socket closes without a response', async () => {
    adobe.flowService.faults.inject({ path: /\/connections$/ }, { drop: true });
    await expect(fetch(`${adobe.flowService.baseUrl}/connections`, { headers })).rejects.toThrow();
    expect((await send('GET', listPath, headers)).status).toBe(200);
  });

  it('When only a delay is armed, Then the request is served normally after it', async () => {
    adobe.flowService.faults.inject({ path: listPath }, { delayMs: 50 });
    const started = Date.now();
    expect((await send('GET', listPath, headers)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('When requests arrive, Then the log keeps the full path and headers', async () => {
    adobe.flowService.requests.clear();
    await send('GET', `${listPath}?property=state==enabled`, headers);
    const [entry] = adobe.flowService.requests.find('GET', listPath);
    expect(entry?.headers['x-sandbox-name']).toBe('prod');
    expect(entry?.query).toEqual({ property: 'state==enabled' });
  });
});
