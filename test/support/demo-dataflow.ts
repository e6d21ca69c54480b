import { expect } from 'vitest';
import type { DataflowIds } from '../../src/registry/connection-registry.js';
import type { Harness } from './harness.js';
import { emailIdentityDescriptor, platformClient } from './platform-client.js';
import { adobeHeaders } from './two-partners.js';

const XDM = 'https://ns.adobe.com/xdm/context';
const CONTENT = 'application/vnd.adobe.xed+json;version=1';
const FULL = 'application/vnd.adobe.xed-full+json;version=1';
const MARKER = 'HubSpot Contacts · managed by hubspot-aep-connect (test)';
const HUBSPOT_SPEC = { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' };

/**
 * The dataflow the dataflow steps make for a connection, built through the demo simulators' own APIs in Adobe's
 * documented order (schema, identity descriptor, union tag, dataset, source and target connections, mapping set,
 * flow): what a connection deletion has to take apart again. Returns the ids as the registry keeps them.
 */
export async function buildDemoDataflow(h: Harness, connectionId: string): Promise<Required<DataflowIds>> {
  const headers = await adobeHeaders(h);
  const { adobe } = h.config;
  const api = (base: string) => {
    const send = platformClient(
      () => base,
      () => headers,
    );
    return async (method: string, path: string, body: unknown, status: number) => {
      const answer = await send(method, path, body);
      expect(answer.status, answer.text).toBe(status);
      return answer.body;
    };
  };
  const [flow, registry, catalog, dataPrep] = [
    adobe.flowServiceBaseUrl,
    adobe.schemaRegistryBaseUrl,
    adobe.catalogBaseUrl,
    adobe.dataPrepBaseUrl,
  ].map(api);
  const schema = await registry!(
    'POST',
    '/tenant/schemas',
    {
      type: 'object',
      title: `HubSpot Contacts (${connectionId})`,
      description: MARKER,
      allOf: [{ $ref: `${XDM}/profile` }, { $ref: `${XDM}/profile-person-details` }, { $ref: `${XDM}/profile-personal-details` }],
    },
    201,
  );
  const descriptor = await registry!('POST', '/tenant/descriptors', emailIdentityDescriptor(schema.$id), 201);
  await registry!('PATCH', `/tenant/schemas/${schema['meta:altId']}`, [{ op: 'add', path: '/meta:immutableTags', value: ['union'] }], 200);
  const [ref] = await catalog!(
    'POST',
    '/dataSets',
    {
      name: 'HubSpot Contacts',
      description: MARKER,
      schemaRef: { id: schema.$id, contentType: CONTENT },
      tags: { unifiedProfile: ['enabled: true'], unifiedIdentity: ['enabled: true'] },
    },
    201,
  );
  const datasetId = String(ref).replace(/^@\/dataSets\//i, '');
  const source = await flow!(
    'POST',
    '/sourceConnections',
    {
      name: 'HubSpot Contacts source',
      baseConnectionId: connectionId,
      data: { format: 'tabular' },
      params: { path: 'Hubspot.Contacts' },
      connectionSpec: HUBSPOT_SPEC,
    },
    201,
  );
  const target = await flow!(
    'POST',
    '/targetConnections',
    {
      name: 'HubSpot Contacts target',
      data: { schema: { id: schema.$id, version: FULL } },
      params: { dataSetId: datasetId },
      connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
    },
    201,
  );
  const mapping = await dataPrep!(
    'POST',
    '/mappingSets',
    {
      name: `HubSpot Contacts mapping (${connectionId})`,
      outputSchema: { schemaRef: { id: schema.$id, contentType: FULL } },
      mappings: [{ sourceType: 'ATTRIBUTE', source: 'Vid', destination: '_id' }],
    },
    200,
  );
  const created = await flow!(
    'POST',
    '/flows?mode=draft',
    {
      name: 'HubSpot Contacts dataflow',
      flowSpec: { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' },
      sourceConnectionIds: [source.id],
      targetConnectionIds: [target.id],
      transformations: [
        { name: 'Copy', params: { deltaColumn: { name: 'Added_At', dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } },
        { name: 'Mapping', params: { mappingId: mapping.id, mappingVersion: String(mapping.version) } },
      ],
      scheduleParams: { startTime: Math.floor(Date.now() / 1000) + 3600, frequency: 'hour', interval: '1' },
    },
    201,
  );
  return {
    flowId: String(created.id),
    sourceConnectionId: String(source.id),
    targetConnectionId: String(target.id),
    datasetId,
    schemaId: String(schema.$id),
    schemaAltId: String(schema['meta:altId']),
    descriptorId: String(descriptor['@id']),
    mappingSetId: String(mapping.id),
  };
}
