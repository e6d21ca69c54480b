import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFlowServiceSimulator, type FlowServiceSimulator, type RunOutcome } from '../../../src/demo/adobe/flow-service/index.js';
import { startImsSimulator, type ImsSimCredential, type ImsSimulator } from '../../../src/demo/adobe/ims/index.js';
import { platformClient, platformHeaders } from '../../support/platform-client.js';

const ORG = '5C1328435BF324E90A49402A@AdobeOrg';
const APP: ImsSimCredential = { clientId: 'aep-app', clientSecret: 'app-secret', orgId: ORG, scopes: ['openid'] };
const HUBSPOT_SPEC = { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' };
const DATA_LAKE_SPEC = { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' };
const CRM_FLOW_SPEC = { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' };
const SCHEMA = 'https://ns.adobe.com/simtenant/schemas/0123abcd';
const flowType = (code: string) => `https://ns.adobe.com/aep/errors/FLOW-${code}`;

// Flow Service alone: no peers, so ids of schemas, datasets and mapping sets are not checked here (the
// sequence test across the four simulators checks them).
let adobe: { ims: ImsSimulator; flowService: FlowServiceSimulator };
let headers: Record<string, string>;
let outcome: RunOutcome = 'success';
const revoked = new Set<string>();
const send = platformClient(
  () => adobe.flowService.baseUrl,
  () => headers,
);

beforeAll(async () => {
  const ims = await startImsSimulator({ credentials: [APP] });
  const flowService = await startFlowServiceSimulator({
    ims,
    firstRunDelayMs: 20,
    runOutcome: () => Promise.resolve(outcome),
    connectionTest: (connection) => Promise.resolve(!revoked.has(connection.id)),
  });
  adobe = { ims, flowService };
  headers = await platformHeaders(adobe.ims, APP);
});
afterAll(async () => {
  await adobe.flowService.close();
  await adobe.ims.close();
});
beforeEach(() => {
  outcome = 'success';
  adobe.flowService.faults.clear();
});

async function created(path: string, body: unknown): Promise<string> {
  const response = await send('POST', path, body);
  expect(response.status, response.text).toBe(201);
  return response.body.id as string;
}

const baseConnection = () =>
  created('/connections', {
    name: 'HubSpot',
    auth: { specName: 'Basic Authentication', params: { clientId: 'c', clientSecret: 's', accessToken: 'a', refreshToken: 'r' } },
    connectionSpec: HUBSPOT_SPEC,
  });
const sourceBody = (base: string, overrides: Record<string, unknown> = {}) => ({
  name: 'HubSpot Contacts',
  baseConnectionId: base,
  data: { format: 'tabular' },
  params: { path: 'Hubspot.Contacts' },
  connectionSpec: HUBSPOT_SPEC,
  ...overrides,
});
const targetBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Contacts dataset',
  data: { schema: { id: SCHEMA, version: 'application/vnd.adobe.xed-full+json;version=1' } },
  params: { dataSetId: '5c8c3c555033b814b69f947f' },
  connectionSpec: DATA_LAKE_SPEC,
  ...overrides,
});
const schedule = (overrides: Record<string, unknown> = {}) => ({
  startTime: Math.floor(Date.now() / 1000) + 60,
  frequency: 'hour',
  interval: '1',
  backfill: true,
  ...overrides,
});
const copy = { name: 'Copy', params: { deltaColumn: { name: 'Added_At', dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } };
const mapping = { name: 'Mapping', params: { mappingId: 'f1a2b3', mappingVersion: '0' } };
const flowBody = (source: string, target: string, overrides: Record<string, unknown> = {}) => ({
  name: 'HubSpot Contacts dataflow',
  flowSpec: CRM_FLOW_SPEC,
  sourceConnectionIds: [source],
  targetConnectionIds: [target],
  transformations: [copy, mapping],
  scheduleParams: schedule(),
  ...overrides,
});

async function pipeline() {
  const base = await baseConnection();
  const source = await created('/sourceConnections', sourceBody(base));
  const target = await created('/targetConnections', targetBody());
  return { base, source, target };
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in time');
}

describe('Flow Service source and target connections (docs/reference/adobe-dataflow.md §1 rows 4-5)', () => {
  it('When the documented bodies are sent, Then both are created and found by their filters', async () => {
    const { base, source, target } = await pipeline();
    const sources = await send('GET', `/sourceConnections?property=baseConnectionId==${base}`);
    expect(sources.body.items.map((s: { id: string }) => s.id)).toEqual([source]);
    expect(sources.body.items[0]).toMatchObject({ params: { path: 'Hubspot.Contacts' }, data: { format: 'tabular' } });
    const targets = await send('GET', `/targetConnections?property=params.dataSetId==5c8c3c555033b814b69f947f`);
    expect(targets.body.items.map((t: { id: string }) => t.id)).toContain(target);
    expect((await send('GET', `/sourceConnections/${source}`)).body.items[0].id).toBe(source);
  });

  it.each([
    ['the table is not one explore lists', sourceBody('', { params: { path: 'Hubspot.Companies' } }), '1100-400'],
    ['data.format is not tabular', sourceBody('', { data: { format: 'delimited' } }), '1100-400'],
    ['the base connection does not exist', { ...sourceBody('nope') }, '1100-400'],
    ['name is missing', { ...sourceBody(''), name: undefined }, '1100-400'],
  ])('When %s, Then the source connection is refused (%s)', async (_case, body, code) => {
    const base = await baseConnection();
    const withBase = { ...body, baseConnectionId: body.baseConnectionId === '' ? base : body.baseConnectionId };
    const response = await send('POST', '/sourceConnections', withBase);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType(code) });
  });

  it.each([
    [
      'data.format is parquet',
      targetBody({ data: { format: 'parquet', schema: { id: SCHEMA, version: 'application/vnd.adobe.xed-full+json;version=1' } } }),
      '1100-400',
    ],
    ['the schema version is not XDM', targetBody({ data: { schema: { id: SCHEMA, version: '1' } } }), '1100-400'],
    ['params.dataSetId is missing', targetBody({ params: {} }), '1100-400'],
    ['the connection spec is not the Data Lake', targetBody({ connectionSpec: HUBSPOT_SPEC }), '1413-400'],
  ])('When %s, Then the target connection is refused (%s)', async (_case, body, code) => {
    const response = await send('POST', '/targetConnections', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ type: flowType(code) });
  });
});

describe('Flow Service flows: draft, publish and runs (docs/reference/adobe-dataflow.md §1 rows 7-9)', () => {
  it('When a draft is published (docs: lowercase op), Then it is enabled and its first run succeeds and shows in lastRunDetails', async () => {
    const { source, target } = await pipeline();
    const draft = await send('POST', '/flows?mode=draft', flowBody(source, target));
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;
    expect((await send('GET', `/flows/${id}`)).body.items[0].state).toBe('draft');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await send('GET', `/runs?property=flowId==${id}`)).body.items).toEqual([]);

    const published = await send('POST', `/flows/${id}/action?op=publish`);
    expect(published.status).toBe(200);
    const runs = await waitFor(async () => {
      const items = (await send('GET', `/runs?property=flowId==${id}`)).body.items;
      return items.length > 0 ? items : undefined;
    });
    expect(runs[0].metrics.statusSummary).toEqual({ status: 'success', errors: [] });
    expect(runs[0].activities[0].id).toBe('copyActivity');
    const flow = (await send('GET', `/flows/${id}`)).body.items[0];
    expect(flow.state).toBe('enabled');
    expect(flow.lastRunDetails).toMatchObject({ id: runs[0].id, state: 'success' });
    expect((await send('GET', `/runs/${runs[0].id}`)).body.items[0].flowId).toBe(id);
  });

  it("When publish uses the OpenAPI's spelling (PUBLISH with subOp), Then it is accepted too", async () => {
    const { source, target } = await pipeline();
    const id = await created('/flows?mode=draft', flowBody(source, target));
    expect((await send('POST', `/flows/${id}/action?op=PUBLISH&subOp=APPLY`)).status).toBe(200);
    expect((await send('POST', `/flows/${id}/action?op=publish`)).status).toBe(400);
  });

  it('When the run outcome hook fails the run, Then the run and lastRunDetails say failed with its errors', async () => {
    outcome = { failed: true, errors: [{ code: 'CONNECTOR-2001-500', message: 'HubSpot refused the credentials' }] };
    const { source, target } = await pipeline();
    const id = await created('/flows', flowBody(source, target));
    const flow = await waitFor(
      async () => (await send('GET', `/flows/${id}`)).body.items[0].lastRunDetails && (await send('GET', `/flows/${id}`)).body.items[0],
    );
    expect(flow.lastRunDetails.state).toBe('failed');
    const run = (await send('GET', `/runs/${flow.lastRunDetails.id}`)).body.items[0];
    expect(run.metrics.statusSummary.errors).toEqual([{ code: 'CONNECTOR-2001-500', message: 'HubSpot refused the credentials' }]);
  });

  it('When the connectionTest hook says the grant is gone, Then /test answers false for that connection only', async () => {
    const [gone, fine] = [await baseConnection(), await baseConnection()];
    revoked.add(gone);
    expect((await send('GET', `/connections/${gone}/test`)).body).toEqual({ result: false });
    expect((await send('GET', `/connections/${fine}/test`)).body).toEqual({ result: true });
  });

  it('When runFlow is called on an enabled flow, Then a new run is recorded and becomes lastRunDetails', async () => {
    const { source, target } = await pipeline();
    const id = await created('/flows', flowBody(source, target));
    await waitFor(async () => adobe.flowService.runs().find((r) => r.flowId === id));
    outcome = { failed: true, errors: [{ code: 'X-1', message: 'later run failed' }] };
    const run = await adobe.flowService.runFlow(id);
    expect((await send('GET', `/flows/${id}`)).body.items[0].lastRunDetails).toMatchObject({ id: run.id, state: 'failed' });
  });

  it('When flows are listed by source connection or by several ids, Then exactly those flows come back', async () => {
    const first = await pipeline();
    const second = await pipeline();
    const a = await created('/flows?mode=draft', flowBody(first.source, first.target));
    const b = await created('/flows?mode=draft', flowBody(second.source, second.target));
    const bySource = await send('GET', `/flows?property=sourceConnectionIds[]==${first.source}`);
    expect(bySource.body.items.map((f: { id: string }) => f.id)).toEqual([a]);
    const byIds = await send('GET', `/flows?property=id==${a},${b}`);
    expect(byIds.body.items.map((f: { id: string }) => f.id).sort()).toEqual([a, b].sort());
  });

  it.each([
    [
      'startTime is a string (the docs form)',
      { scheduleParams: schedule({ startTime: String(Math.floor(Date.now() / 1000) + 60) }) },
      '1100-400',
    ],
    ['startTime is in the past', { scheduleParams: schedule({ startTime: Math.floor(Date.now() / 1000) - 3600 }) }, '1100-400'],
    ['startTime is in milliseconds', { scheduleParams: schedule({ startTime: Date.now() + 60_000 }) }, '1100-400'],
    ['interval is a number', { scheduleParams: schedule({ interval: 1 }) }, '1100-400'],
    ['backfill is a string', { scheduleParams: schedule({ backfill: 'true' }) }, '1100-400'],
    ['minute has an interval below 15', { scheduleParams: schedule({ frequency: 'minute', interval: '5' }) }, '1100-400'],
    [
      'mappingVersion is a number',
      { transformations: [copy, { name: 'Mapping', params: { mappingId: 'm', mappingVersion: 0 } }] },
      '1100-400',
    ],
    ['the CRM flow has no delta column (1367)', { transformations: [mapping] }, '1367-400'],
    ['once comes with a delta column (1369)', { scheduleParams: schedule({ frequency: 'once' }) }, '1369-400'],
    [
      'the delta column is not explored',
      { transformations: [{ name: 'Copy', params: { deltaColumn: { name: 'updatedAt' } } }, mapping] },
      '1100-400',
    ],
    ['the flow spec is unknown', { flowSpec: { id: 'nope', version: '1.0' } }, '1413-400'],
  ])('When %s, Then the flow is refused (%s)', async (_case, overrides, code) => {
    const { source, target } = await pipeline();
    const response = await send('POST', '/flows?mode=draft', flowBody(source, target, overrides));
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ type: flowType(code) });
  });

  it('When a minute schedule has interval 15, Then it is accepted', async () => {
    const { source, target } = await pipeline();
    const response = await send(
      'POST',
      '/flows?mode=draft',
      flowBody(source, target, { scheduleParams: schedule({ frequency: 'minute', interval: '15' }) }),
    );
    expect(response.status).toBe(201);
  });

  it('When mode is anything but draft, Then 1368', async () => {
    const { source, target } = await pipeline();
    const response = await send('POST', '/flows?mode=live', flowBody(source, target));
    expect(response.body).toMatchObject({ type: flowType('1368-400') });
  });
});

describe('Deletes while a flow uses a connection (1418) and lost answers', () => {
  it('When a flow uses them, Then the base, source and target connections refuse deletion until the flow is deleted', async () => {
    const { base, source, target } = await pipeline();
    const flow = await created('/flows?mode=draft', flowBody(source, target));
    for (const path of [`/connections/${base}`, `/sourceConnections/${source}`, `/targetConnections/${target}`]) {
      const refused = await send('DELETE', path);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ type: flowType('1418-400') });
    }
    expect((await send('DELETE', `/flows/${flow}`)).status).toBe(204);
    expect((await send('GET', `/flows/${flow}`)).body).toMatchObject({ type: flowType('1439-404') });
    for (const path of [`/sourceConnections/${source}`, `/targetConnections/${target}`, `/connections/${base}`]) {
      expect((await send('DELETE', path)).status).toBe(204);
    }
  });

  it('When the answer to a create is lost (504), Then the object exists, is counted once, and is found by its filter', async () => {
    const base = await baseConnection();
    const before = adobe.flowService.createCounts().sourceConnections;
    adobe.flowService.faults.inject({ method: 'POST', path: '/data/foundation/flowservice/sourceConnections' }, { lostAnswer: true });
    const lost = await send('POST', '/sourceConnections', sourceBody(base));
    expect(lost.status).toBe(504);
    expect(adobe.flowService.createCounts().sourceConnections).toBe(before + 1);
    const found = await send('GET', `/sourceConnections?property=baseConnectionId==${base}`);
    expect(found.body.items).toHaveLength(1);
  });
});
