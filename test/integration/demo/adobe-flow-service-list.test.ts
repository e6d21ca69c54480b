import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdobeSimulators, type AdobeSimulators } from '../../../src/demo/adobe/index.js';
import type { ImsSimCredential } from '../../../src/demo/adobe/ims/index.js';

const HUBSPOT_SPEC = 'cc6a4487-9e91-433e-a3a3-9cf6626c1806';
const APP: ImsSimCredential = {
  clientId: 'aep-app',
  clientSecret: 'app-secret',
  orgId: '5C1328435BF324E90A49402A@AdobeOrg',
  scopes: ['openid'],
};
const PARAMS = { clientId: 'hs-client', clientSecret: 'hs-secret', accessToken: 'hs-access', refreshToken: 'hs-refresh' };
/** Created in this order; names sort differently from creation order on purpose. */
const NAMES = ['Bravo', 'Alpha', 'Delta', 'Charlie', 'Echo'];

let adobe: AdobeSimulators;
let headers: Record<string, string>;
const ids = new Map<string, string>();

async function send(method: string, path: string, body?: unknown) {
  const response = await fetch(`${adobe.flowService.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const list = async (query: string) => send('GET', `/connections?${query}`);
const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);
const flowType = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;

beforeAll(async () => {
  adobe = await startAdobeSimulators({ ims: { credentials: [APP] } });
  const token = await fetch(adobe.ims.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      scope: 'openid',
    }),
  });
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  headers = { authorization: `Bearer ${accessToken}`, 'x-api-key': APP.clientId, 'x-gw-ims-org-id': APP.orgId, 'x-sandbox-name': 'prod' };
  for (const name of NAMES) {
    const description = name === 'Delta' ? 'Test description' : undefined;
    const auth = { specName: 'Basic Authentication', params: PARAMS };
    const { body } = await send('POST', '/connections', { name, description, auth, connectionSpec: { id: HUBSPOT_SPEC, version: '1.0' } });
    ids.set(name, body.id);
    await new Promise((resolve) => setTimeout(resolve, 2)); // distinct createdAt values
  }
  adobe.flowService.connections().find((c) => c.name === 'Echo')!.state = 'disabled';
});
afterAll(() => adobe.close());

describe('GET /connections filtering with property (docs/reference/adobe-flow-service.md §2.3)', () => {
  it.each([
    [`property=connectionSpec.id==${HUBSPOT_SPEC}`, NAMES],
    ['property=name==Alpha', ['Alpha']],
    ['property=name=="Alpha"', ['Alpha']],
    ['property=name==Alpha,Charlie', ['Alpha', 'Charlie']],
    ['property=name!=Alpha,Charlie', ['Bravo', 'Delta', 'Echo']],
    ['property=state==disabled', ['Echo']],
    ['property=state==enabled&property=name!=Bravo', ['Alpha', 'Delta', 'Charlie']],
    ['property=description==Test%20description', ['Delta']],
    ['property=auth.specName==Basic%20Authentication&property=name==Echo', ['Echo']],
    ['property=connectionSpec.id==00000000-0000-0000-0000-000000000000', []],
  ])('When the query is %s, Then the matching connections are listed, masked', async (query, expected) => {
    const response = await list(query);
    expect(response.status).toBe(200);
    expect(names(response.body)).toEqual(expected);
    for (const item of response.body.items) expect(item.auth.params.clientSecret).toBe('********');
  });

  it('When filtering by id, Then exactly that connection is listed', async () => {
    const response = await list(`property=id==${ids.get('Charlie')}`);
    expect(names(response.body)).toEqual(['Charlie']);
  });

  it.each([
    ['an unknown field', '1449-400', 'property=flavour==vanilla'],
    ['an unknown operator', '1450-400', 'property=name=~Alpha'],
    ['an ordering operator on a text field', '1448-400', 'property=name>=Alpha'],
    ['no operator', '1453-400', 'property=name'],
    ['an empty value', '1453-400', 'property=name=='],
    ['an unknown query parameter', '1451-400', 'filter=name==Alpha'],
  ])('When the filter has %s, Then 400 FLOW-%s', async (_case, code, query) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType(code), title: 'Invalid request' });
  });
});

describe('GET /connections ordering (docs/reference/adobe-flow-service.md §2.3)', () => {
  const sorted = [...NAMES].sort();
  it.each([
    ['name', sorted],
    ['%2Bname', sorted],
    ['+name', sorted],
    ['-name', [...sorted].reverse()],
    ['createdAt', NAMES],
    ['-createdAt', [...NAMES].reverse()],
  ])('When orderby=%s, Then items come in that order', async (orderby, expected) => {
    expect(names((await list(`orderby=${orderby}`)).body)).toEqual(expected);
  });

  it('When orderby names an unsupported field, Then 400 FLOW-1433-400', async () => {
    expect((await list('orderby=-colour')).body).toMatchObject({ type: flowType('1433-400') });
  });

  it('When orderby has a bad direction prefix, Then 400 FLOW-1432-400', async () => {
    expect((await list('orderby=*name')).body).toMatchObject({ type: flowType('1432-400') });
  });
});

describe('GET /connections paging and count (docs/reference/adobe-flow-service.md §2.3)', () => {
  it('When limit is set, Then pages follow _links.next.href until no link remains', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/connections?orderby=name&limit=2';
    let pages = 0;
    while (path) {
      const response = await send('GET', path);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...names(response.body));
      path = response.body._links?.next?.href;
      if (path) expect(path).toMatch(/^\/connections\?.*continuationToken=/);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...NAMES].sort());
  });

  it('When the continuationToken is not one the simulator issued, Then 400 FLOW-1451-400', async () => {
    expect((await list('limit=2&continuationToken=not-a-token')).body).toMatchObject({ type: flowType('1451-400') });
  });

  it('When limit is not a positive integer, Then 400 FLOW-1451-400', async () => {
    expect((await list('limit=0')).status).toBe(400);
  });

  it('When count=true, Then only {count} is returned, after filtering', async () => {
    expect((await list('count=true')).body).toEqual({ count: NAMES.length });
    expect((await list('count=true&property=state==enabled')).body).toEqual({ count: NAMES.length - 1 });
  });

  it('When limit and count are combined, Then 400 FLOW-1401-400', async () => {
    const response = await list('limit=2&count=true');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType('1401-400') });
  });
});

describe('GET /connections/{id}/explore and /test (docs/reference/adobe-flow-service.md §2.6)', () => {
  const explore = (query: string) => send('GET', `/connections/${ids.get('Alpha')}/explore${query}`);

  it.each(['root', 'ROOT'])('When objectType=%s, Then a bare array of the HubSpot tables', async (objectType) => {
    const response = await explore(`?objectType=${objectType}`);
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    // Exactly the tables of Adobe's documented explore response: no table it does not show (no Companies).
    expect(response.body).toEqual(
      ['Hubspot.All_Deals', 'Hubspot.Blog_Authors', 'Hubspot.Blog_Comments', 'Hubspot.Contacts'].map((table) => ({
        type: 'table',
        name: table,
        path: table,
        canPreview: true,
        canFetchSchema: true,
      })),
    );
  });

  it('When Contacts is explored, Then only the documented columns and Vid, with no email column', async () => {
    const response = await explore('?objectType=table&object=Hubspot.Contacts');
    expect(response.body.schema.columns.map((c: { name: string }) => c.name)).toEqual([
      'Vid',
      'Properties_Firstname_Value',
      'Properties_Lastname_Value',
      'Added_At',
      'Portal_Id',
    ]);
    expect(response.body).not.toHaveProperty('data');
  });

  it('When preview=true, Then rows come as data with the explored columns', async () => {
    const response = await explore('?objectType=table&object=Hubspot.Contacts&preview=true');
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    const names = response.body.schema.columns.map((c: { name: string }) => c.name).sort();
    for (const row of response.body.data) expect(Object.keys(row).sort()).toEqual(names);
  });

  it('When objectType=table&object=Hubspot.Contacts, Then the flat schema of that table', async () => {
    const response = await explore('?objectType=table&object=Hubspot.Contacts');
    expect(response.status).toBe(200);
    expect(response.body.format).toBe('flat');
    expect(response.body.schema.columns).toContainEqual({ name: 'Properties_Firstname_Value', type: 'string', xdm: { type: 'string' } });
    expect(response.body.schema.columns).toContainEqual({
      name: 'Added_At',
      type: 'string',
      'meta:xdmType': 'date-time',
      xdm: { type: 'string', format: 'date-time' },
    });
  });

  it.each([
    ['objectType is missing', '', 400, '2119-400'],
    ['a table is requested without object', '?objectType=table', 400, '2119-400'],
    ['the table does not exist', '?objectType=table&object=Hubspot.Nope', 404, '1101-404'],
    ['objectType is not in the enum', '?objectType=bucket', 400, '1451-400'],
    ['objectType is FILE on a tabular source', '?objectType=FILE', 400, '1100-400'],
    ['a table Adobe does not show is requested', '?objectType=table&object=Hubspot.Companies', 404, '1101-404'],
    ['preview is not a boolean', '?objectType=table&object=Hubspot.Contacts&preview=yes', 400, '1451-400'],
  ])('When %s, Then explore refuses with a FLOW error', async (_case, query, status, code) => {
    const response = await explore(query);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ type: flowType(code) });
  });

  it('When the connection is unknown, Then explore answers 404 FLOW-1101-404', async () => {
    const response = await send('GET', '/connections/unknown/explore?objectType=root');
    expect(response.status).toBe(404);
  });

  it('When /test is called on a connection, Then {result: true}', async () => {
    expect(await send('GET', `/connections/${ids.get('Alpha')}/test`)).toEqual({ status: 200, body: { result: true } });
  });
});
