import { describe, expect, it } from 'vitest';
import { makeCustomerDataset, type CustomerDataset } from '../support/customer-dataset.js';
import { buildDemoDataflow } from '../support/demo-dataflow.js';
import { eventually } from '../support/job-queue-contract.js';
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

  it('deletes, in reverse order of creation, the flow, its target and source connections, the dataset, the descriptor and the schema, then the connection; the mapping set stays', async () => {
    const s = await start();
    const { sandbox, services } = s.h;
    const connectionId = await connectPortal(s, s.acme, 7501);
    const dataflow = await buildDemoDataflow(s.h, connectionId);
    await services.connections.update(connectionId, { dataflow, at: Date.now() });
    for (const sim of [sandbox.flowService, sandbox.schemaRegistry, sandbox.catalog]) sim.requests.clear();

    const res = await s.acme.connections.delete(connectionId);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).status).toBe('deleted');
    const deletes = (sim: { requests: { entries: { method: string; path: string }[] } }) =>
      sim.requests.entries.filter((r) => r.method === 'DELETE').map((r) => r.path.replace(/^\/data\/foundation\/[a-z]+/, ''));
    expect(deletes(sandbox.flowService)).toEqual([
      `/flows/${dataflow.flowId}`,
      `/targetConnections/${dataflow.targetConnectionId}`,
      `/sourceConnections/${dataflow.sourceConnectionId}`,
      `/connections/${connectionId}`,
    ]);
    expect(deletes(sandbox.catalog)).toEqual([`/dataSets/${dataflow.datasetId}`]);
    // The simulated Schema Registry, like Adobe's, refuses to delete a schema a dataset still uses: this order is the one that works.
    expect(deletes(sandbox.schemaRegistry)).toEqual([
      `/tenant/descriptors/${dataflow.descriptorId}`,
      `/tenant/schemas/${dataflow.schemaAltId}`,
    ]);
    expect([
      sandbox.flowService.flows(),
      sandbox.flowService.connections(),
      sandbox.catalog.datasets(),
      sandbox.schemaRegistry.schemas(),
    ]).toEqual([[], [], [], []]);
    expect(sandbox.dataPrep.mappingSets().map((m) => m.id)).toEqual([dataflow.mappingSetId]);
    expect((await services.connections.get(connectionId))!.dataflow).toEqual({ mappingSetId: dataflow.mappingSetId });
  }, 30_000);

  it('When the dataflow filled a dataset the customer made (DATAFLOW_DATASET_ID), then DELETE leaves that dataset and its schema', async () => {
    let given: CustomerDataset | undefined;
    const s = await start({
      env: { DATAFLOW: 'auto' },
      envFromSimulators: async (sandbox) => {
        given = await makeCustomerDataset(sandbox);
        return { DATAFLOW_DATASET_ID: given.datasetId };
      },
    });
    const { sandbox, services } = s.h;
    const id = await connectPortal(s, s.acme, 7601);
    await eventually(async () => Boolean((await services.connections.get(id))?.dataflow.flowId), 15_000);
    // Only what the service made is kept for deletion.
    expect(Object.keys((await services.connections.get(id))!.dataflow).sort()).toEqual([
      'flowId',
      'mappingSetId',
      'sourceConnectionId',
      'targetConnectionId',
    ]);

    const res = await s.acme.connections.delete(id);
    expect(res.status, await res.clone().text()).toBe(200);
    expect([sandbox.flowService.flows(), sandbox.flowService.sourceConnections(), sandbox.flowService.targetConnections()]).toEqual([
      [],
      [],
      [],
    ]);
    expect(sandbox.catalog.datasets().map((d) => d.id)).toEqual([given!.datasetId]);
    expect(sandbox.schemaRegistry.schemas().map((x) => x.$id)).toEqual([given!.schemaId]);
    expect([...sandbox.catalog.requests.find('DELETE', /./), ...sandbox.schemaRegistry.requests.find('DELETE', /./)]).toEqual([]);
  }, 30_000);
});
