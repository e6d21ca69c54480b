import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdobeSimulators, type AdobeSimulators } from '../../../src/demo/adobe/index.js';
import type { ImsSimCredential } from '../../../src/demo/adobe/ims/index.js';
import { platformHeaders } from '../../support/platform-client.js';

const HUBSPOT_SPEC = 'cc6a4487-9e91-433e-a3a3-9cf6626c1806';
const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid'] };
const SECOND_APP: ImsSimCredential = { ...APP, clientId: 'second-app', clientSecret: 'second-secret' };
const OTHER_ORG_APP: ImsSimCredential = {
  ...APP,
  clientId: 'other-org-app',
  clientSecret: 'x',
  orgId: '0000000000000000000000AA@AdobeOrg',
};
const ETAG = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/;
const PARAMS = { clientId: 'hs-client', clientSecret: 'hs-secret', accessToken: 'hs-access', refreshToken: 'hs-refresh' };

let adobe: AdobeSimulators;
let headers: Record<string, string>;

const headersFor = (credential: ImsSimCredential, sandbox = 'prod') => platformHeaders(adobe.ims, credential, sandbox);

/** Sends `body` as-is when a string, else as JSON; parses any response body as JSON. */
async function send(method: string, path: string, body?: unknown, requestHeaders = headers) {
  const withBody = body === undefined ? requestHeaders : { 'content-type': 'application/json', ...requestHeaders };
  const response = await fetch(`${adobe.flowService.baseUrl}${path}`, {
    method,
    headers: withBody,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as any) : undefined };
}

const hubspot = (overrides: Record<string, unknown> = {}) => ({
  name: 'HubSpot connection',
  description: 'connection for HubSpot',
  auth: { specName: 'Basic Authentication', params: PARAMS },
  connectionSpec: { id: HUBSPOT_SPEC, version: '1.0' },
  ...overrides,
});

const flowType = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;

beforeAll(async () => {
  adobe = await startAdobeSimulators({
    ims: { credentials: [APP, SECOND_APP, OTHER_ORG_APP] },
    flowService: { sandboxes: ['prod', 'dev'] },
  });
  headers = await headersFor(APP);
});
afterAll(() => adobe.close());

describe('POST /connections (docs/reference/adobe-flow-service.md §2.1)', () => {
  it('When the HubSpot body is valid, Then 201 {id, etag} with a Location and the caller recorded', async () => {
    const response = await send('POST', '/connections', hubspot());
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual(['id', 'etag']);
    expect(response.body.etag).toMatch(ETAG);
    expect(response.headers.get('location')).toBe(`${adobe.flowService.baseUrl}/connections/${response.body.id}`);
    const stored = adobe.flowService.connections().find((c) => c.id === response.body.id);
    expect(stored).toMatchObject({
      imsOrgId: ORG,
      sandboxName: 'prod',
      createdClient: APP.clientId,
      state: 'enabled',
      auth: { params: PARAMS },
    });
  });

  it('When connectionSpec.version is omitted, Then the latest version "1.0" is stored', async () => {
    const response = await send('POST', '/connections', hubspot({ connectionSpec: { id: HUBSPOT_SPEC } }));
    expect(response.status).toBe(201);
    expect(adobe.flowService.connections().find((c) => c.id === response.body.id)?.connectionSpec.version).toBe('1.0');
  });

  it.each([
    ['the body is empty', '', 400, '1405-400'],
    ['the body is JSON null', 'null', 400, '1405-400'],
    ['name is missing', hubspot({ name: undefined }), 400, '1100-400'],
    ['name is not a string', hubspot({ name: 42 }), 400, '1100-400'],
    ['connectionSpec is missing', hubspot({ connectionSpec: undefined }), 400, '1100-400'],
    ['auth.params is missing', hubspot({ auth: { specName: 'Basic Authentication' } }), 400, '1100-400'],
    [
      'the connection spec id is unknown',
      hubspot({ connectionSpec: { id: '00000000-0000-0000-0000-000000000000', version: '1.0' } }),
      400,
      '1413-400',
    ],
    ['the HubSpot spec version does not exist', hubspot({ connectionSpec: { id: HUBSPOT_SPEC, version: '2.0' } }), 400, '1413-400'],
    ["the auth spec name is not HubSpot's", hubspot({ auth: { specName: 'OAuth2 Refresh Code', params: PARAMS } }), 400, '1415-400'],
    [
      'refreshToken is missing',
      hubspot({ auth: { specName: 'Basic Authentication', params: { ...PARAMS, refreshToken: undefined } } }),
      400,
      '1100-400',
    ],
    [
      'accessToken is empty',
      hubspot({ auth: { specName: 'Basic Authentication', params: { ...PARAMS, accessToken: '' } } }),
      400,
      '1100-400',
    ],
    [
      'clientSecret is not a string',
      hubspot({ auth: { specName: 'Basic Authentication', params: { ...PARAMS, clientSecret: 7 } } }),
      400,
      '1100-400',
    ],
  ])('When %s, Then it is refused and nothing is stored', async (_case, body, status, code) => {
    const before = adobe.flowService.connections().length;
    const response = await send('POST', '/connections', body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ type: flowType(code), status, report: { 'detailed-message': expect.any(String) } });
    expect(adobe.flowService.connections()).toHaveLength(before);
  });

  it('When the body is not JSON, Then 400 BadRequestError', async () => {
    const response = await send('POST', '/connections', '{"name": ');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: '/placeholder/type/uri', title: 'BadRequestError' });
  });

  it('When a param fails the auth spec, Then the message names it', async () => {
    const response = await send('POST', '/connections', hubspot({ auth: { specName: 'Basic Authentication', params: { clientId: 'x' } } }));
    expect(response.body.errorMessage).toContain('clientSecret');
  });
});

describe('GET /connections/{id} (docs/reference/adobe-flow-service.md §2.2)', () => {
  it('When the connection exists, Then {items:[item]} with version = etag and password params masked', async () => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const response = await send('GET', `/connections/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    const [item] = response.body.items;
    expect(item).toMatchObject({
      id: created.id,
      name: 'HubSpot connection',
      description: 'connection for HubSpot',
      connectionSpec: { id: HUBSPOT_SPEC, version: '1.0' },
      state: 'enabled',
      imsOrgId: ORG,
      sandboxName: 'prod',
      createdClient: APP.clientId,
      createdBy: APP.clientId,
      version: created.etag,
      etag: created.etag,
      auth: {
        specName: 'Basic Authentication',
        params: { clientId: 'hs-client', clientSecret: '********', accessToken: '********', refreshToken: '********' },
      },
    });
    expect(response.text).not.toMatch(/hs-secret|hs-access|hs-refresh/);
  });

  it('When the id is unknown, Then 404 FLOW-1101-404 naming the id', async () => {
    const response = await send('GET', '/connections/7f3c0000-0000-0000-0000-000000000000');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({
      type: flowType('1101-404'),
      title: 'Resource not found',
      report: { id: '7f3c0000-0000-0000-0000-000000000000' },
    });
  });
});

describe('Connections are isolated per org and sandbox (docs/reference/adobe-flow-service.md §4.5)', () => {
  it('When another org or another sandbox asks for a connection, Then it is not found nor listed', async () => {
    const { body: created } = await send('POST', '/connections', hubspot({ name: 'Isolated' }));
    const otherOrg = await headersFor(OTHER_ORG_APP);
    const devSandbox = await headersFor(APP, 'dev');
    for (const other of [otherOrg, devSandbox]) {
      expect((await send('GET', `/connections/${created.id}`, undefined, other)).status).toBe(404);
      expect((await send('DELETE', `/connections/${created.id}`, undefined, other)).status).toBe(404);
      expect((await send('GET', '/connections?property=name==Isolated', undefined, other)).body).toEqual({ items: [] });
    }
    expect((await send('GET', `/connections/${created.id}`)).status).toBe(200);
  });
});

describe('PATCH /connections/{id} (docs/reference/adobe-flow-service.md §2.4)', () => {
  const newParams = { ...PARAMS, accessToken: 'new-access', refreshToken: 'new-refresh' };

  it('When If-Match is unquoted, then quoted, then stale, Then 200, 200 with new etags, then 412 1404', async () => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const path = `/connections/${created.id}`;
    const second = await headersFor(SECOND_APP);

    const unquoted = created.etag.slice(1, -1);
    const first = await send('PATCH', path, [{ op: 'replace', path: '/auth/params', value: newParams }], {
      ...second,
      'if-match': unquoted,
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: created.id, etag: expect.stringMatching(ETAG) });
    expect(first.body.etag).not.toBe(created.etag);

    const secondPatch = [
      { op: 'REPLACE', path: '/name', value: 'Renamed' },
      { op: 'add', path: '/description', value: 'A new description' },
    ];
    const quoted = await send('PATCH', path, secondPatch, { ...headers, 'if-match': first.body.etag });
    expect(quoted.status).toBe(200);
    expect(quoted.body.etag).not.toBe(first.body.etag);

    const stale = await send('PATCH', path, secondPatch, { ...headers, 'if-match': created.etag });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: flowType('1404-412'), title: 'Version not matching', status: 412 });
    const escaped = (etag: string) => etag.replaceAll('"', '\\"');
    expect(stale.body.errorMessage).toBe(
      `Supplied version=[${escaped(created.etag)}] does not match the current version on entity=[${escaped(quoted.body.etag)}]`,
    );

    const stored = adobe.flowService.connections().find((c) => c.id === created.id)!;
    expect(stored).toMatchObject({
      name: 'Renamed',
      description: 'A new description',
      etag: quoted.body.etag,
      auth: { params: newParams },
    });
    expect(stored).toMatchObject({ createdClient: APP.clientId, updatedClient: APP.clientId });
    expect(stored.updatedAt).toBeGreaterThanOrEqual(stored.createdAt);
  });

  it('When a different client patches, Then updatedClient records it', async () => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const second = await headersFor(SECOND_APP);
    await send('PATCH', `/connections/${created.id}`, [{ op: 'remove', path: '/description' }], { ...second, 'if-match': created.etag });
    const { body } = await send('GET', `/connections/${created.id}`);
    expect(body.items[0]).toMatchObject({ createdClient: APP.clientId, updatedClient: SECOND_APP.clientId });
    expect(body.items[0]).not.toHaveProperty('description');
  });

  it.each([
    ['changes the connection spec', '1414-400', [{ op: 'replace', path: '/connectionSpec/id', value: 'other' }]],
    ['uses an unsupported op', '1455-400', [{ op: 'move', from: '/name', path: '/description' }]],
    ['is not an array', '1455-400', { op: 'replace', path: '/name', value: 'x' }],
    ['misses a value', '1455-400', [{ op: 'replace', path: '/name' }]],
    ['targets a field that does not exist', '1455-400', [{ op: 'replace', path: '/auth/params/password', value: 'x' }]],
    ['targets a read-only field', '1455-400', [{ op: 'replace', path: '/id', value: 'x' }]],
    ['removes the name', '1455-400', [{ op: 'remove', path: '/name' }]],
    ['drops a required HubSpot param', '1455-400', [{ op: 'replace', path: '/auth/params', value: { clientId: 'a' } }]],
    ['changes the auth spec name', '1415-400', [{ op: 'replace', path: '/auth/specName', value: 'Other' }]],
  ])('When the patch %s, Then 400 FLOW-%s and nothing changes', async (_case, code, patch) => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const response = await send('PATCH', `/connections/${created.id}`, patch, { ...headers, 'if-match': created.etag });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType(code) });
    expect(adobe.flowService.connections().find((c) => c.id === created.id)?.etag).toBe(created.etag);
  });

  it('When If-Match is missing, Then 400 FLOW-1403-400', async () => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const response = await send('PATCH', `/connections/${created.id}`, [{ op: 'replace', path: '/name', value: 'x' }]);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType('1403-400'), title: 'Header is missing' });
  });

  it('When the connection does not exist, Then 404 FLOW-1101-404', async () => {
    const response = await send('PATCH', '/connections/unknown', [{ op: 'replace', path: '/name', value: 'x' }], {
      ...headers,
      'if-match': '"x"',
    });
    expect(response.status).toBe(404);
  });
});

describe('DELETE /connections/{id} (docs/reference/adobe-flow-service.md §2.5)', () => {
  it('When a dataflow uses the connection, Then 400 FLOW-1418-400; once freed, Then 204, then 404', async () => {
    const { body: created } = await send('POST', '/connections', hubspot());
    const stored = adobe.flowService.connections().find((c) => c.id === created.id)!;
    stored.usedByFlows = true;
    const refused = await send('DELETE', `/connections/${created.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: flowType('1418-400') });

    stored.usedByFlows = false;
    const deleted = await send('DELETE', `/connections/${created.id}/`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await send('GET', `/connections/${created.id}`)).status).toBe(404);
    expect((await send('DELETE', `/connections/${created.id}`)).body).toMatchObject({ type: flowType('1101-404') });
  });
});
