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
      last_checked_at: null,
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
