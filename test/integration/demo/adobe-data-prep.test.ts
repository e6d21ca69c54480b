import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDataPrepSimulator, type DataPrepSimulator } from '../../../src/demo/adobe/data-prep/index.js';
import { startImsSimulator, type ImsSimCredential, type ImsSimulator } from '../../../src/demo/adobe/ims/index.js';
import { platformClient, platformHeaders } from '../../support/platform-client.js';

const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid'] };
const SCHEMA = 'https://ns.adobe.com/simtenant/schemas/0123abcd';
const FIELDS = ['_id', '_repo.createDate', 'person.name.firstName', 'person.name.lastName'];

let ims: ImsSimulator;
let dataPrep: DataPrepSimulator;
let headers: Record<string, string>;
const send = platformClient(
  () => dataPrep.baseUrl,
  () => headers,
);
const attribute = (source: string, destination: string) => ({ sourceType: 'ATTRIBUTE', source, destination });
const mappingSet = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  outputSchema: { schemaRef: { id: SCHEMA, contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
  mappings: [
    attribute('Vid', '_id'),
    attribute('Properties_Firstname_Value', 'person.name.firstName'),
    attribute('Added_At', '_repo.createDate'),
  ],
  ...overrides,
});

beforeAll(async () => {
  ims = await startImsSimulator({ credentials: [APP] });
  dataPrep = await startDataPrepSimulator({
    ims,
    peers: { schema: (id) => (id === SCHEMA ? { id, unionEnabled: false, fields: FIELDS } : undefined) },
  });
  headers = await platformHeaders(ims, APP);
});
afterAll(async () => {
  await dataPrep.close();
  await ims.close();
});

describe('Data Prep mapping sets (docs/reference/adobe-dataflow.md §1 row 6)', () => {
  it('When the documented set is validated, Then one SUCCESS per mapping; a destination outside the schema is FAILED', async () => {
    const ok = await send('POST', '/mappingSets/validate', mappingSet('v1'));
    expect(ok.status).toBe(200);
    expect(ok.body.validationResponse).toEqual([0, 1, 2].map(() => ({ status: 'SUCCESS', errors: [] })));
    const withEmail = mappingSet('v2', {
      mappings: [attribute('Vid', '_id'), attribute('Properties_Email_Value', 'personalEmail.address')],
    });
    const partly = await send('POST', '/mappingSets/validate', withEmail);
    expect(partly.body.validationResponse.map((r: { status: string }) => r.status)).toEqual(['SUCCESS', 'FAILED']);
    expect(partly.body.validationResponse[1].errors[0]).toMatchObject({ destination: 'personalEmail.address' });
  });

  it('When a test rejects a destination, Then validation fails it and the create is refused', async () => {
    dataPrep.rejectDestinations.add('_id');
    try {
      const validated = await send('POST', '/mappingSets/validate', mappingSet('rejected'));
      expect(validated.body.validationResponse[0].status).toBe('FAILED');
      expect((await send('POST', '/mappingSets', mappingSet('rejected'))).status).toBe(400);
    } finally {
      dataPrep.rejectDestinations.clear();
    }
  });

  it('When a valid set is created, Then 200 {id, version 0}, listed by name with limit and start, and looked up', async () => {
    const created = await send('POST', '/mappingSets', mappingSet('HubSpot marker'));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), version: 0 });
    const listed = await send('GET', `/mappingSets?limit=10&start=0&name=${encodeURIComponent('HubSpot marker')}`);
    expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    expect((await send('GET', `/mappingSets/${created.body.id}`)).body.mappings).toHaveLength(3);
    expect((await send('GET', `/mappingSets/${created.body.id}?version=latest`)).status).toBe(400);
    expect((await send('DELETE', `/mappingSets/${created.body.id}`)).status).toBe(404);
  });

  it.each([
    ['without limit and start', '/mappingSets'],
    ['without start', '/mappingSets?limit=10'],
    ['with a non-integer limit', '/mappingSets?limit=ten&start=0'],
  ])('When the list is asked %s, Then 400', async (_case, path) => {
    expect((await send('GET', path)).status).toBe(400);
  });

  it.each([
    [
      'the sources tutorial form (xdmSchema, sourceAttribute, id null)',
      { xdmSchema: SCHEMA, mappings: [{ sourceType: 'ATTRIBUTE', sourceAttribute: 'Vid', destination: '_id', id: null }] },
    ],
    ['no outputSchema', { outputSchema: undefined }],
    [
      'an unknown output schema',
      {
        outputSchema: {
          schemaRef: { id: 'https://ns.adobe.com/x/schemas/none', contentType: 'application/vnd.adobe.xed-full+json;version=1' },
        },
      },
    ],
    ['a sourceType outside the enum', { mappings: [{ sourceType: 'COLUMN', source: 'Vid', destination: '_id' }] }],
  ])('When the body has %s, Then validate refuses it with 400', async (_case, overrides) => {
    const response = await send('POST', '/mappingSets/validate', mappingSet('bad', overrides));
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('https://ns.adobe.com/aep/errors/DPR-1000-400');
  });

  it('When the answer to a create is lost, Then the set exists once and is found by name', async () => {
    dataPrep.faults.inject({ method: 'POST', path: '/data/foundation/conversion/mappingSets' }, { lostAnswer: true });
    expect((await send('POST', '/mappingSets', mappingSet('lost'))).status).toBe(504);
    expect((await send('GET', '/mappingSets?limit=10&start=0&name=lost')).body.data).toHaveLength(1);
  });
});
