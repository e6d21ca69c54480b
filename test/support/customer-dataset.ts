import { expect } from 'vitest';
import type { DemoServices } from '../../src/demo/start-demo.js';
import { platformClient, platformHeaders } from './platform-client.js';

const XDM = 'https://ns.adobe.com/xdm/context';
/** A Profile schema as a customer would build it; ExperienceEvent is the other class the simulator knows. */
const CLASSES = {
  profile: [`${XDM}/profile`, `${XDM}/profile-person-details`, `${XDM}/profile-personal-details`],
  experienceEvent: [`${XDM}/experienceevent`],
};

export interface CustomerDataset {
  datasetId: string;
  schemaId: string;
  schemaAltId: string;
}

/**
 * A schema and a dataset the customer made in AEP, not this service (what DATAFLOW_DATASET_ID names), created in
 * the simulators through Adobe's APIs with the demo credential.
 */
export async function makeCustomerDataset(sandbox: DemoServices, kind: keyof typeof CLASSES = 'profile'): Promise<CustomerDataset> {
  const { adobe } = sandbox.config;
  const credential = { clientId: adobe.clientId, clientSecret: adobe.clientSecret, orgId: adobe.imsOrg, scopes: [...adobe.scopes] };
  const headers = await platformHeaders(sandbox.ims, credential, adobe.sandboxName);
  const send = (base: string) =>
    platformClient(
      () => base,
      () => headers,
    );
  const schema = await send(adobe.schemaRegistryBaseUrl)('POST', '/tenant/schemas', {
    type: 'object',
    title: `Our ${kind} records`,
    description: 'made by hand in AEP',
    allOf: CLASSES[kind].map(($ref) => ({ $ref })),
  });
  expect(schema.status, schema.text).toBe(201);
  const dataset = await send(adobe.catalogBaseUrl)('POST', '/dataSets', {
    name: `Our ${kind} records`,
    schemaRef: { id: schema.body.$id, contentType: 'application/vnd.adobe.xed+json;version=1' },
  });
  expect(dataset.status, dataset.text).toBe(201);
  const datasetId = String(dataset.body[0]).replace(/^@\/dataSets\//, '');
  return { datasetId, schemaId: String(schema.body.$id), schemaAltId: String(schema.body['meta:altId']) };
}
