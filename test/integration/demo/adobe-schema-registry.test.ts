import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImsSimulator, type ImsSimCredential, type ImsSimulator } from '../../../src/demo/adobe/ims/index.js';
import { startSchemaRegistrySimulator, type SchemaRegistrySimulator } from '../../../src/demo/adobe/schema-registry/index.js';
import { platformClient, platformHeaders } from '../../support/platform-client.js';

const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid'] };
const LIST = { accept: 'application/vnd.adobe.xed-id+json' };
const LOOKUP = { accept: 'application/vnd.adobe.xed+json; version=1' };
const XDM = 'https://ns.adobe.com/xdm/context';
const xdmType = (code: string) => `https://ns.adobe.com/aep/errors/XDM-${code}`;

let ims: ImsSimulator;
let registry: SchemaRegistrySimulator;
let headers: Record<string, string>;
const send = platformClient(
  () => registry.baseUrl,
  () => headers,
);

const schemaBody = (title: string, overrides: Record<string, unknown> = {}) => ({
  type: 'object',
  title,
  description: `HubSpot hub 123 · Hubspot.Contacts · managed by hubspot-aep-connect`,
  allOf: [{ $ref: `${XDM}/profile` }, { $ref: `${XDM}/profile-person-details` }, { $ref: `${XDM}/profile-personal-details` }],
  ...overrides,
});
const identity = (schemaId: string, overrides: Record<string, unknown> = {}) => ({
  '@type': 'xdm:descriptorIdentity',
  'xdm:sourceSchema': schemaId,
  'xdm:sourceVersion': 1,
  'xdm:sourceProperty': '/personalEmail/address',
  'xdm:namespace': 'Email',
  'xdm:property': 'xdm:code',
  'xdm:isPrimary': true,
  ...overrides,
});

beforeAll(async () => {
  ims = await startImsSimulator({ credentials: [APP] });
  registry = await startSchemaRegistrySimulator({ ims });
  headers = await platformHeaders(ims, APP);
});
afterAll(async () => {
  await registry.close();
  await ims.close();
});

async function createSchema(title: string): Promise<{ $id: string; altId: string }> {
  const response = await send('POST', '/tenant/schemas', schemaBody(title));
  expect(response.status, response.text).toBe(201);
  return { $id: response.body.$id, altId: response.body['meta:altId'] };
}

describe('Schema Registry schemas (docs/reference/adobe-dataflow.md §1 row 2)', () => {
  it('When the documented body is sent, Then 201 with $id and meta:altId, and the schema is found by title and by either id', async () => {
    const { $id, altId } = await createSchema('HubSpot Contacts (hub 1)');
    expect($id).toMatch(/^https:\/\/ns\.adobe\.com\/[a-z0-9]+\/schemas\/[0-9a-f]{32}$/);
    expect(altId).toMatch(/^_[a-z0-9]+\.schemas\.[0-9a-f]{32}$/);
    const found = await send('GET', `/tenant/schemas?property=title==${encodeURIComponent('HubSpot Contacts (hub 1)')}`, undefined, LIST);
    expect(found.body.results).toEqual([{ $id, 'meta:altId': altId, version: '1.0', title: 'HubSpot Contacts (hub 1)' }]);
    for (const id of [encodeURIComponent($id), altId]) {
      const lookup = await send('GET', `/tenant/schemas/${id}`, undefined, LOOKUP);
      expect(lookup.status).toBe(200);
      expect(lookup.body).toMatchObject({ $id, 'meta:class': `${XDM}/profile` });
    }
  });

  it.each([
    ['description is missing (required by the OpenAPI)', schemaBody('a', { description: undefined }), 400],
    ['allOf has no class', schemaBody('b', { allOf: [{ $ref: `${XDM}/profile-person-details` }] }), 400],
    ['allOf names an unknown field group', schemaBody('c', { allOf: [{ $ref: `${XDM}/profile` }, { $ref: `${XDM}/made-up` }] }), 400],
    ['type is not object', schemaBody('d', { type: 'array' }), 400],
  ])('When %s, Then the create is refused with %s', async (_case, body, status) => {
    const response = await send('POST', '/tenant/schemas', body);
    expect(response.status).toBe(status);
    expect(response.body.type).toBe(xdmType(`1000-400`));
  });

  it('When the title is taken, Then 409 and no second schema', async () => {
    await createSchema('Taken title');
    const before = registry.createCounts().schemas;
    expect((await send('POST', '/tenant/schemas', schemaBody('Taken title'))).status).toBe(409);
    expect(registry.createCounts().schemas).toBe(before);
  });

  it('When Accept is missing or wrong, Then a list is refused with 400 and a lookup with 406', async () => {
    const { altId } = await createSchema('Accept rules');
    expect((await send('GET', '/tenant/schemas')).status).toBe(400);
    expect((await send('GET', '/tenant/schemas?limit=many', undefined, LIST)).status).toBe(400);
    expect((await send('GET', '/tenant/schemas', undefined, { accept: 'application/json' })).status).toBe(400);
    expect((await send('GET', `/tenant/schemas/${altId}`)).status).toBe(406);
    expect((await send('GET', `/tenant/schemas/${altId}`, undefined, { accept: 'application/vnd.adobe.xed+json' })).status).toBe(406);
    expect(
      (await send('GET', `/tenant/schemas/${altId}`, undefined, { accept: 'application/vnd.adobe.xed-full+json;version=1' })).status,
    ).toBe(200);
  });

  it('When union is added before a primary identity exists, Then 400; after the descriptor, Then the tag is set', async () => {
    const { $id, altId } = await createSchema('Profile schema');
    const tag = [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }];
    expect((await send('PATCH', `/tenant/schemas/${altId}`, tag)).status).toBe(400);
    const descriptor = await send('POST', '/tenant/descriptors', identity($id));
    expect(descriptor.status, descriptor.text).toBe(201);
    const patched = await send('PATCH', `/tenant/schemas/${altId}`, tag);
    expect(patched.status).toBe(200);
    expect(patched.body['meta:immutableTags']).toEqual(['union']);
    expect((await send('PATCH', `/tenant/schemas/${altId}`, [{ op: 'move', path: '/title' }])).status).toBe(400);
  });

  it('When a schema is deleted, Then 204 and it is gone', async () => {
    const { altId } = await createSchema('Short-lived');
    expect((await send('DELETE', `/tenant/schemas/${altId}`)).status).toBe(204);
    expect((await send('GET', `/tenant/schemas/${altId}`, undefined, LOOKUP)).status).toBe(404);
  });
});

describe('Schema Registry descriptors (docs/reference/adobe-dataflow.md §1 row 2p)', () => {
  it('When an identity descriptor is created (docs: xdm:sourceVersion 1), Then it is found by its source schema and deleted', async () => {
    const { $id } = await createSchema('Descriptor schema');
    const created = await send('POST', '/tenant/descriptors', identity($id));
    expect(created.status).toBe(201);
    const id = created.body['@id'] as string;
    const found = await send('GET', `/tenant/descriptors?property=xdm:sourceSchema==${encodeURIComponent($id)}`, undefined, {
      accept: 'application/vnd.adobe.xdm-id+json',
    });
    expect(found.body).toEqual({ 'xdm:descriptorIdentity': [id] });
    expect((await send('GET', '/tenant/descriptors')).status).toBe(400);
    expect((await send('DELETE', `/tenant/descriptors/${id}`)).status).toBe(204);
    expect((await send('GET', `/tenant/descriptors/${id}`)).status).toBe(404);
  });

  it('When descriptors are listed or looked up with the schemas’ xed Accept, Then 400 Accept header invalid; the xdm forms are served', async () => {
    const { $id } = await createSchema('Descriptor accepts');
    const id = (await send('POST', '/tenant/descriptors', identity($id))).body['@id'] as string;
    const list = (accept: string) => send('GET', '/tenant/descriptors', undefined, { accept });
    for (const accept of [
      'application/vnd.adobe.xed-id+json',
      'application/vnd.adobe.xed+json',
      'application/vnd.adobe.xdm-id+json; version=1',
    ]) {
      const refused = await list(accept);
      expect(refused.status, accept).toBe(400);
      expect(refused.body.type).toBe(xdmType('1008-400'));
      expect(refused.body.detail).toContain('A valid Accept value should look like application/vnd.adobe.xdm-id+json');
    }
    for (const accept of ['xdm-id', 'xdm-link', 'xdm', 'xdm-v2-id', 'xdm-v2']) {
      expect((await list(`application/vnd.adobe.${accept}+json`)).status, accept).toBe(200);
    }
    const lookup = (headers: Record<string, string>) => send('GET', `/tenant/descriptors/${id}`, undefined, headers);
    const refused = await lookup({ accept: 'application/vnd.adobe.xed+json; version=1' });
    expect([refused.status, refused.body.type]).toEqual([400, xdmType('1009-400')]);
    expect((await lookup({ accept: 'application/vnd.adobe.xdm+json' })).body['@id']).toBe(id);
    expect((await lookup({})).status).toBe(200);
  });

  it.each([
    ['the property is not a field of the schema', { 'xdm:sourceProperty': '/workEmail/address' }],
    ['the namespace does not exist', { 'xdm:namespace': 'HubSpotVid' }],
    ['the source version is not the schema major', { 'xdm:sourceVersion': 2 }],
    ['the @type is not in the enum', { '@type': 'xdm:unknown' }],
  ])('When %s, Then the descriptor is refused', async (_case, overrides) => {
    const { $id } = await createSchema(`Refusals ${_case}`);
    const response = await send('POST', '/tenant/descriptors', identity($id, overrides));
    expect(response.status).toBe(400);
  });

  it('When a second primary identity is created, Then it is refused', async () => {
    const { $id } = await createSchema('Two primaries');
    expect((await send('POST', '/tenant/descriptors', identity($id))).status).toBe(201);
    expect(
      (await send('POST', '/tenant/descriptors', identity($id, { 'xdm:sourceProperty': '/mobilePhone/number', 'xdm:namespace': 'Phone' })))
        .status,
    ).toBe(400);
  });

  it('When the answer to a schema create is lost, Then the schema exists and is found by title', async () => {
    registry.faults.inject({ method: 'POST', path: '/data/foundation/schemaregistry/tenant/schemas' }, { lostAnswer: true });
    const lost = await send('POST', '/tenant/schemas', schemaBody('Lost answer'));
    expect(lost.status).toBe(504);
    const found = await send('GET', `/tenant/schemas?property=title==${encodeURIComponent('Lost answer')}`, undefined, LIST);
    expect(found.body.results).toHaveLength(1);
  });
});
