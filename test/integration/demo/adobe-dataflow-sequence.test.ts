import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { startDemo, type DemoServices } from '../../../src/demo/start-demo.js';
import { emailIdentityDescriptor, platformClient, platformHeaders } from '../../support/platform-client.js';

const XDM = 'https://ns.adobe.com/xdm/context';
const MARKER = 'HubSpot hub 62515 · Hubspot.Contacts · managed by hubspot-aep-connect';
const CONTENT = 'application/vnd.adobe.xed+json;version=1';
const FULL = 'application/vnd.adobe.xed-full+json;version=1';

let demo: DemoServices;
let headers: Record<string, string>;
const client = (api: () => string) => platformClient(api, () => headers);
const flow = client(() => demo.config.adobe.flowServiceBaseUrl);
const registry = client(() => demo.config.adobe.schemaRegistryBaseUrl);
const catalog = client(() => demo.config.adobe.catalogBaseUrl);
const dataPrep = client(() => demo.config.adobe.dataPrepBaseUrl);

beforeAll(async () => {
  const loaded = loadConfig({ PORT: '0' });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  // The made-up credentials below are no HubSpot grant: runs succeed here whatever the HubSpot simulator says.
  demo = await startDemo(loaded.config, { runs: { firstRunDelayMs: 20, runOutcome: async () => 'success' } });
  const { clientId, clientSecret, imsOrg } = demo.config.adobe;
  headers = await platformHeaders(demo.ims, { clientId, clientSecret, orgId: imsOrg, scopes: [...demo.config.adobe.scopes] });
});
afterAll(() => demo.close());

async function ok(response: Promise<{ status: number; text: string; body: any }>, status: number) {
  const answered = await response;
  expect(answered.status, answered.text).toBe(status);
  return answered.body;
}

describe('Demo mode: the whole documented request sequence across the four simulators (docs/reference/adobe-dataflow.md §1)', () => {
  it('When every step is sent as documented, Then a published flow runs; rollback deletes in order and the schema waits for its dataset', async () => {
    expect(demo.config.adobe.schemaRegistryBaseUrl).toBe(demo.schemaRegistry.baseUrl);
    const base = (
      await ok(
        flow('POST', '/connections', {
          name: 'HubSpot',
          auth: { specName: 'Basic Authentication', params: { clientId: 'c', clientSecret: 's', accessToken: 'a', refreshToken: 'r' } },
          connectionSpec: { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' },
        }),
        201,
      )
    ).id;
    const root = await ok(flow('GET', `/connections/${base}/explore?objectType=root`), 200);
    expect(root.map((t: { name: string }) => t.name)).toContain('Hubspot.Contacts');

    const schema = await ok(
      registry('POST', '/tenant/schemas', {
        type: 'object',
        title: 'HubSpot Contacts (hub 62515)',
        description: MARKER,
        allOf: [{ $ref: `${XDM}/profile` }, { $ref: `${XDM}/profile-person-details` }, { $ref: `${XDM}/profile-personal-details` }],
      }),
      201,
    );
    const descriptor = await ok(registry('POST', '/tenant/descriptors', emailIdentityDescriptor(schema.$id)), 201);
    await ok(
      registry('PATCH', `/tenant/schemas/${schema['meta:altId']}`, [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }]),
      200,
    );

    const [ref] = await ok(
      catalog('POST', '/dataSets', {
        name: 'HubSpot Contacts',
        description: MARKER,
        schemaRef: { id: schema.$id, contentType: CONTENT },
        tags: { unifiedProfile: ['enabled: true'], unifiedIdentity: ['enabled: true'] },
      }),
      201,
    );
    const dataset = (ref as string).replace(/^@\/dataSets\//i, '');

    const source = (
      await ok(
        flow('POST', '/sourceConnections', {
          name: 'HubSpot Contacts source',
          description: MARKER,
          baseConnectionId: base,
          data: { format: 'tabular' },
          params: { path: 'Hubspot.Contacts' },
          connectionSpec: { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' },
        }),
        201,
      )
    ).id;
    const targetBody = {
      name: 'HubSpot Contacts target',
      data: { schema: { id: schema.$id, version: FULL } },
      params: { dataSetId: dataset },
      connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
    };
    await ok(flow('POST', '/targetConnections', { ...targetBody, params: { dataSetId: '000000000000000000000000' } }), 400);
    const target = (await ok(flow('POST', '/targetConnections', targetBody), 201)).id;

    const mappingBody = {
      name: MARKER,
      outputSchema: { schemaRef: { id: schema.$id, contentType: FULL } },
      mappings: [
        { sourceType: 'ATTRIBUTE', source: 'Vid', destination: '_id' },
        { sourceType: 'ATTRIBUTE', source: 'Properties_Firstname_Value', destination: 'person.name.firstName' },
        { sourceType: 'ATTRIBUTE', source: 'Properties_Lastname_Value', destination: 'person.name.lastName' },
        { sourceType: 'ATTRIBUTE', source: 'Added_At', destination: '_repo.createDate' },
      ],
    };
    const validated = await ok(dataPrep('POST', '/mappingSets/validate', mappingBody), 200);
    expect(validated.validationResponse.every((r: { status: string }) => r.status === 'SUCCESS')).toBe(true);
    const mapping = await ok(dataPrep('POST', '/mappingSets', mappingBody), 200);

    const flowBody = (mappingId: string) => ({
      name: 'HubSpot Contacts dataflow',
      description: MARKER,
      flowSpec: { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' },
      sourceConnectionIds: [source],
      targetConnectionIds: [target],
      transformations: [
        { name: 'Copy', params: { deltaColumn: { name: 'Added_At', dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } },
        { name: 'Mapping', params: { mappingId, mappingVersion: String(mapping.version) } },
      ],
      scheduleParams: { startTime: Math.floor(Date.now() / 1000) + 60, frequency: 'hour', interval: '1', backfill: true },
    });
    await ok(flow('POST', '/flows?mode=draft', flowBody('ffffffffffffffffffffffffffffffff')), 400);
    const flowId = (await ok(flow('POST', '/flows?mode=draft', flowBody(mapping.id)), 201)).id;
    await ok(flow('POST', `/flows/${flowId}/action?op=publish`), 200);
    for (let i = 0; i < 200 && demo.flowService.runs().length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    const runs = await ok(flow('GET', `/runs?property=flowId==${flowId}`), 200);
    expect(runs.items[0].metrics.statusSummary.status).toBe('success');

    await ok(registry('DELETE', `/tenant/schemas/${schema['meta:altId']}`), 400);
    await ok(flow('DELETE', `/flows/${flowId}`), 204);
    await ok(flow('DELETE', `/sourceConnections/${source}`), 204);
    await ok(flow('DELETE', `/targetConnections/${target}`), 204);
    await ok(catalog('DELETE', `/dataSets/${dataset}`), 200);
    await ok(registry('DELETE', `/tenant/descriptors/${descriptor['@id']}`), 204);
    await ok(registry('DELETE', `/tenant/schemas/${schema['meta:altId']}`), 204);
    expect((await flow('GET', `/connections/${base}`)).status).toBe(200);
  });
});
