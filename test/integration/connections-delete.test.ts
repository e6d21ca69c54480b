import { describe, expect, it } from 'vitest';
import { adobeHeaders, connectPortal, listedIds, twoPartnersPerTest } from '../support/two-partners.js';

describe('Connections API: delete', () => {
  const start = twoPartnersPerTest();

  it('deletes the AEP connection, answers the deleted row, sends connection.deleted once, and a second DELETE answers the same row', async () => {
    const s = await start();
    const id = await connectPortal(s, s.acme, 7201, { partner_user_id: 'u-d' });
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

    expect((await listedIds(await s.acme.connections.list())).ids).toEqual([]);
    expect((await listedIds(await s.acme.connections.list({ status: 'deleted' }))).ids).toEqual([id]);
    expect((await s.acme.connections.read(id)).status).toBe(200);
  }, 30_000);

  it('When a connection Adobe already deleted is deleted, then the 404 counts as gone and the row is marked deleted', async () => {
    const s = await start();
    const id = await connectPortal(s, s.acme, 7301);
    const gone = await fetch(`${s.h.config.adobe.flowServiceBaseUrl}/connections/${id}`, {
      method: 'DELETE',
      headers: await adobeHeaders(s.h),
    });
    expect(gone.status).toBe(204);
    const res = await s.acme.connections.delete(id);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('deleted');
  });

  it('When a flow this service did not create uses the connection, then DELETE answers 409 AEP_CONNECTION_IN_USE and the row stays active', async () => {
    const s = await start();
    const id = await connectPortal(s, s.acme, 7401);
    s.h.sandbox.flowService.connections().find((c) => c.id === id)!.usedByFlows = true;
    const res = await s.acme.connections.delete(id);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('AEP_CONNECTION_IN_USE');
    expect((await (await s.acme.connections.read(id)).json()).status).toBe('active');
  });

  it('deletes the flow, its source and target connections, then the connection, in that order, and keeps the mapping set id', async () => {
    const s = await start();
    const h = s.h;
    const connectionId = await connectPortal(s, s.acme, 7501);

    // The dataflow the dataflow steps would have made, built through Flow Service's own API.
    const headers = { ...(await adobeHeaders(h)), 'content-type': 'application/json' };
    const create = async (path: string, body: unknown) => {
      const res = await fetch(`${h.config.adobe.flowServiceBaseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
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

    const res = await s.acme.connections.delete(connectionId);
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
