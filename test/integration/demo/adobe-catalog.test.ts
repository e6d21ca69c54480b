import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCatalogSimulator, type CatalogSimulator } from '../../../src/demo/adobe/catalog/index.js';
import { startImsSimulator, type ImsSimCredential, type ImsSimulator } from '../../../src/demo/adobe/ims/index.js';
import { platformClient, platformHeaders } from '../../support/platform-client.js';

const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid'] };
const SCHEMA = 'https://ns.adobe.com/simtenant/schemas/0123abcd';
const PROFILE_SCHEMA = 'https://ns.adobe.com/simtenant/schemas/profile01';
const MARKER = 'HubSpot hub 123 · Hubspot.Contacts · managed by hubspot-aep-connect';
const PROFILE_TAGS = { unifiedProfile: ['enabled: true'], unifiedIdentity: ['enabled: true'] };

let ims: ImsSimulator;
let catalog: CatalogSimulator;
let headers: Record<string, string>;
const send = platformClient(
  () => catalog.baseUrl,
  () => headers,
);
const datasetBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'HubSpot Contacts',
  description: MARKER,
  schemaRef: { id: SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' },
  ...overrides,
});

beforeAll(async () => {
  ims = await startImsSimulator({ credentials: [APP] });
  const schemas: Record<string, { id: string; unionEnabled: boolean; fields: string[] }> = {
    [SCHEMA]: { id: SCHEMA, unionEnabled: false, fields: [] },
    [PROFILE_SCHEMA]: { id: PROFILE_SCHEMA, unionEnabled: true, fields: [] },
  };
  catalog = await startCatalogSimulator({ ims, peers: { schema: (id) => schemas[id] } });
  headers = await platformHeaders(ims, APP);
});
afterAll(async () => {
  await catalog.close();
  await ims.close();
});

describe('Catalog datasets (docs/reference/adobe-dataflow.md §1 row 3, §4)', () => {
  it('When the documented body is sent, Then 201 ["@/dataSets/{id}"], found by description with only the asked properties', async () => {
    const created = await send('POST', '/dataSets', datasetBody());
    expect(created.status).toBe(201);
    expect(created.body).toEqual([expect.stringMatching(/^@\/dataSets\/[0-9a-f]{24}$/)]);
    const id = (created.body[0] as string).slice('@/dataSets/'.length);
    const found = await send('GET', `/dataSets?description=${encodeURIComponent(MARKER)}&properties=name,schemaRef`);
    expect(found.body).toEqual({
      [id]: { name: 'HubSpot Contacts', schemaRef: { id: SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' } },
    });
    const byProperty = await send('GET', `/dataSets?property=schemaRef.id==${encodeURIComponent(SCHEMA)}`);
    expect(Object.keys(byProperty.body)).toContain(id);
    expect((await send('GET', `/dataSets/${id}`)).body[id].description).toBe(MARKER);
    expect((await send('DELETE', `/dataSets/${id}`)).body).toEqual([`@/dataSets/${id}`]);
    expect((await send('GET', `/dataSets/${id}`)).status).toBe(404);
  });

  it('When Profile tags are sent for a union schema, Then the dataset is created with them', async () => {
    const created = await send(
      'POST',
      '/dataSets',
      datasetBody({ schemaRef: { id: PROFILE_SCHEMA, contentType: 'application/vnd.adobe.xed+json;version=1' }, tags: PROFILE_TAGS }),
    );
    expect(created.status).toBe(201);
    expect(catalog.datasets().at(-1)?.tags).toEqual(PROFILE_TAGS);
  });

  it.each([
    [
      'the schema does not exist',
      datasetBody({ schemaRef: { id: 'https://ns.adobe.com/x/schemas/none', contentType: 'application/vnd.adobe.xed+json;version=1' } }),
    ],
    ['the contentType is not XDM', datasetBody({ schemaRef: { id: SCHEMA, contentType: 'application/json' } })],
    ['the name is missing', datasetBody({ name: undefined })],
    ['Profile is enabled on a schema without union', datasetBody({ tags: PROFILE_TAGS })],
    ['a tag is not a list of strings (OpenAPI)', datasetBody({ tags: { unifiedProfile: 'enabled: true' } })],
  ])('When %s, Then 400', async (_case, body) => {
    const response = await send('POST', '/dataSets', body);
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('https://ns.adobe.com/aep/errors/CAT-1000-400');
  });

  it('When limit is not an integer or above 100, Then the list is refused', async () => {
    expect((await send('GET', '/dataSets?limit=ten')).status).toBe(400);
    expect((await send('GET', '/dataSets?limit=101')).status).toBe(400);
    expect((await send('GET', '/dataSets?limit=100')).status).toBe(200);
  });

  it('When the answer to a create is lost, Then the dataset exists once and is found by its description', async () => {
    const marker = 'lost answer marker';
    catalog.faults.inject({ method: 'POST', path: '/data/foundation/catalog/dataSets' }, { lostAnswer: true });
    const before = catalog.createCounts().dataSets;
    expect((await send('POST', '/dataSets', datasetBody({ description: marker }))).status).toBe(504);
    expect(catalog.createCounts().dataSets).toBe(before + 1);
    expect(Object.keys((await send('GET', `/dataSets?description=${encodeURIComponent(marker)}`)).body)).toHaveLength(1);
  });
});
