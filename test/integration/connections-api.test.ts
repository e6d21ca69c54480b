import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { connectionsApi, finishedSession, followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const SECRET = 'whsec_test_connections_0123456789';
const FAST_SCHEDULE = [0, 20, 40, 60, 80, 100, 120, 140];

interface Setup {
  h: Harness;
  acme: { sessions: ReturnType<typeof partnerApi>; connections: ReturnType<typeof connectionsApi> };
  globex: { sessions: ReturnType<typeof partnerApi>; connections: ReturnType<typeof connectionsApi> };
  hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
}

describe('Connections API', () => {
  let setup: Setup | undefined;
  afterEach(async () => {
    await setup?.h.close();
    await setup?.hooks.close();
    setup = undefined;
  });

  const start = async (): Promise<Setup> => {
    const hooks = await startWebhookReceiver();
    const [acmeKey, globexKey] = [newApiKey(), newApiKey()];
    const h = await startHarness({
      env: partnersEnv([
        { id: 'acme', apiKey: acmeKey, webhookUrl: hooks.url, webhookSecret: SECRET },
        { id: 'globex', apiKey: globexKey },
      ]),
      services: { webhookSchedule: FAST_SCHEDULE },
    });
    setup = {
      h,
      hooks,
      acme: { sessions: partnerApi(h.url, acmeKey), connections: connectionsApi(h.url, acmeKey) },
      globex: { sessions: partnerApi(h.url, globexKey), connections: connectionsApi(h.url, globexKey) },
    };
    return setup;
  };

  /** A user of `partner` connects the HubSpot portal `hubId`; returns the AEP connection id. */
  const connect = async (s: Setup, partner: Setup['acme'], hubId: number, body: Record<string, unknown> = {}) => {
    s.h.sandbox.hubspot.signInTo({ hubId, domain: `portal-${hubId}.hubspot.com` });
    const { id, url } = await (await partner.sessions.create(body)).json();
    await followSession(s.h.browser(), url);
    const session = await finishedSession(partner.sessions, id);
    expect(session.status).toBe('completed');
    return String(session.connection_id);
  };
  const ids = async (res: Response) => {
    expect(res.status).toBe(200);
    const body = await res.json();
    return { ids: body.data.map((c: { id: string }) => c.id), hasMore: body.has_more };
  };

  it("lists a partner's connections newest first, filtered and paged, and never another partner's", async () => {
    const s = await start();
    const first = await connect(s, s.acme, 7001, { partner_user_id: 'u-1' });
    const second = await connect(s, s.acme, 7002, { partner_user_id: 'u-2' });
    const theirs = await connect(s, s.globex, 7003, { partner_user_id: 'u-1' });
    expect(new Set([first, second, theirs]).size).toBe(3);

    expect(await ids(await s.acme.connections.list())).toEqual({ ids: [second, first], hasMore: false });
    expect(await ids(await s.acme.connections.list({ limit: '1' }))).toEqual({ ids: [second], hasMore: true });
    expect(await ids(await s.acme.connections.list({ limit: '1', starting_after: second }))).toEqual({ ids: [first], hasMore: false });
    expect(await ids(await s.acme.connections.list({ partner_user_id: 'u-1' }))).toEqual({ ids: [first], hasMore: false });
    expect(await ids(await s.acme.connections.list({ status: 'active' }))).toEqual({ ids: [second, first], hasMore: false });
    expect(await ids(await s.globex.connections.list())).toEqual({ ids: [theirs], hasMore: false });
    expect(await ids(await s.globex.connections.list({ partner_user_id: 'u-2' }))).toEqual({ ids: [], hasMore: false });

    expect((await s.acme.connections.read(theirs)).status).toBe(404);
    expect((await s.globex.connections.delete(first)).status).toBe(404);
    const cursorOfAnother = await s.acme.connections.list({ starting_after: theirs });
    expect(cursorOfAnother.status).toBe(400);
    expect((await cursorOfAnother.json()).error).toMatchObject({ code: 'REQUEST_INVALID', fields: ['starting_after'] });
  }, 60_000);

  it("refuses a limit outside 1–100, an unknown status or parameter, in the API's error shape", async () => {
    const s = await start();
    for (const [query, field] of [
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ status: 'gone' }, 'status'],
      [{ starting_after: 'no-such-connection' }, 'starting_after'],
      [{ page: '2' }, 'page'],
    ] as const) {
      const res = await s.acme.connections.list(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'REQUEST_INVALID', fields: [field] });
    }
    expect((await s.acme.connections.list({ limit: '100' })).status).toBe(200);
    expect((await fetch(`${s.h.url}/api/v1/connections`)).status).toBe(401);
  });

  it('reads one connection with the documented fields, hub_id as a string', async () => {
    const s = await start();
    const id = await connect(s, s.acme, 7101, { partner_user_id: 'u-7' });
    const res = await s.acme.connections.read(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = await res.json();
    expect(body).toEqual({
      id,
      hub_id: '7101',
      hub_domain: 'portal-7101.hubspot.com',
      sandbox: 'prod',
      partner_user_id: 'u-7',
      metadata: null,
      status: 'active',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updated_at: body.created_at,
      last_error: null,
    });
  });

  it('deletes the AEP connection, answers the deleted row, sends connection.deleted once, and a second DELETE answers the same row', async () => {
    const s = await start();
    const id = await connect(s, s.acme, 7201, { partner_user_id: 'u-d' });
    await s.hooks.waitFor(1);
    const flowService = s.h.sandbox.flowService;
    expect(flowService.connections().map((c) => c.id)).toContain(id);

    const res = await s.acme.connections.delete(id);
    expect(res.status).toBe(200);
    const deleted = await res.json();
    expect(deleted).toMatchObject({ id, status: 'deleted', hub_id: '7201', partner_user_id: 'u-d' });
    expect(flowService.connections().map((c) => c.id)).not.toContain(id);
    const [, hook] = await s.hooks.waitFor(2);
    expect(hook!.body).toMatchObject({
      type: 'connection.deleted',
      data: { connection_id: id, hub_id: 7201, partner_user_id: 'u-d', sandbox: 'prod' },
    });

    const again = await s.acme.connections.delete(id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(deleted);
    expect(flowService.requests.find('DELETE', new RegExp(`/connections/${id}/?$`))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(s.hooks.received.filter((x) => x.body.type === 'connection.deleted')).toHaveLength(1);

    expect(await ids(await s.acme.connections.list())).toEqual({ ids: [], hasMore: false });
    expect(await ids(await s.acme.connections.list({ status: 'deleted' }))).toEqual({ ids: [id], hasMore: false });
    expect((await s.acme.connections.read(id)).status).toBe(200);
  }, 30_000);

  it('When a connection Adobe already deleted is deleted, then the 404 counts as gone and the row is marked deleted', async () => {
    const s = await start();
    const id = await connect(s, s.acme, 7301);
    const token = await s.h.services.adobe.forTarget({ org: s.h.config.adobe.imsOrg, sandbox: 'prod' }).ims.getToken();
    await fetch(`${s.h.config.adobe.flowServiceBaseUrl}/connections/${id}`, {
      method: 'DELETE',
      headers: {
        authorization: `Bearer ${token}`,
        'x-api-key': s.h.config.adobe.clientId,
        'x-gw-ims-org-id': s.h.config.adobe.imsOrg,
        'x-sandbox-name': 'prod',
      },
    });
    const res = await s.acme.connections.delete(id);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('deleted');
  });

  it('When a flow this service did not create uses the connection, then DELETE answers 409 AEP_CONNECTION_IN_USE and the row stays active', async () => {
    const s = await start();
    const id = await connect(s, s.acme, 7401);
    s.h.sandbox.flowService.connections().find((c) => c.id === id)!.usedByFlows = true;
    const res = await s.acme.connections.delete(id);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('AEP_CONNECTION_IN_USE');
    expect((await (await s.acme.connections.read(id)).json()).status).toBe('active');
  });
});

describe('Deleting a connection with a dataflow', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('deletes the flow, its source and target connections, then the connection, in that order, and keeps the mapping set id', async () => {
    const key = newApiKey();
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key }]) });
    const sessions = partnerApi(h.url, key);
    const { id, url } = await (await sessions.create({})).json();
    await followSession(h.browser(), url);
    const connectionId = String((await finishedSession(sessions, id)).connection_id);

    // The dataflow the dataflow steps would have made, built through Flow Service's own API.
    const { adobe } = h.config;
    const token = await h.services.adobe.forTarget({ org: adobe.imsOrg, sandbox: 'prod' }).ims.getToken();
    const headers = {
      authorization: `Bearer ${token}`,
      'x-api-key': adobe.clientId,
      'x-gw-ims-org-id': adobe.imsOrg,
      'x-sandbox-name': 'prod',
      'content-type': 'application/json',
    };
    const create = async (path: string, body: unknown) => {
      const res = await fetch(`${adobe.flowServiceBaseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(201);
      return String((await res.json()).id);
    };
    const crm = { id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' };
    const sourceId = await create('/sourceConnections', {
      name: 'HubSpot Contacts',
      baseConnectionId: connectionId,
      data: { format: 'tabular' },
      params: { path: 'Hubspot.Contacts' },
      connectionSpec: crm,
    });
    const targetId = await create('/targetConnections', {
      name: 'Contacts dataset',
      data: { schema: { id: 'https://ns.adobe.com/simtenant/schemas/0123abcd', version: 'application/vnd.adobe.xed-full+json;version=1' } },
      params: { dataSetId: '5c8c3c555033b814b69f947f' },
      connectionSpec: { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' },
    });
    const flowId = await create('/flows', {
      name: 'HubSpot Contacts dataflow',
      flowSpec: { id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' },
      sourceConnectionIds: [sourceId],
      targetConnectionIds: [targetId],
      transformations: [
        { name: 'Copy', params: { deltaColumn: { name: 'Added_At', dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } },
        { name: 'Mapping', params: { mappingId: 'f1a2b3', mappingVersion: '0' } },
      ],
      scheduleParams: { startTime: Math.floor(Date.now() / 1000) + 3600, frequency: 'hour', interval: '1' },
    });
    await h.services.connections.update(connectionId, {
      dataflow: { flowId, sourceConnectionId: sourceId, targetConnectionId: targetId, mappingSetId: 'f1a2b3' },
      at: Date.now(),
    });
    const flowService = h.sandbox.flowService;
    // Adobe's own rule, which the order below respects: a connection a flow uses cannot be deleted.
    flowService.requests.clear();

    const res = await connectionsApi(h.url, key).delete(connectionId);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).status).toBe('deleted');
    expect(flowService.requests.entries.filter((r) => r.method === 'DELETE').map((r) => r.path.replace(/^.*flowservice/, ''))).toEqual([
      `/flows/${flowId}`,
      `/sourceConnections/${sourceId}`,
      `/targetConnections/${targetId}`,
      `/connections/${connectionId}`,
    ]);
    expect(flowService.flows()).toHaveLength(0);
    expect(flowService.sourceConnections()).toHaveLength(0);
    expect(flowService.targetConnections()).toHaveLength(0);
    expect(flowService.connections()).toHaveLength(0);
    expect((await h.services.connections.get(connectionId))!.dataflow).toEqual({ mappingSetId: 'f1a2b3' });
  }, 30_000);
});
