import { describe, expect, it } from 'vitest';
import { CREATES } from '../support/dataflow.js';
import { connectionsApi, followSession, newApiKey, partnerApi } from '../support/partners.js';
import { useWebhookHarness } from '../support/webhook-harness.js';

const RETURN_URL = 'http://localhost:9/portal/done';

describe('a partner sees the dataflow in the session status and in webhooks', () => {
  const startWebhooks = useWebhookHarness();
  const start = (dataflow?: Record<string, unknown>, apiKey?: string) =>
    startWebhooks({
      partner: { returnUrls: [RETURN_URL], ...(dataflow ? { dataflow } : {}), ...(apiKey ? { apiKey } : {}) },
      services: { webhookSchedule: [0, 20, 40] },
    });

  async function sessionWhen(api: ReturnType<typeof partnerApi>, id: string, status: string) {
    const until = Date.now() + 15_000;
    for (;;) {
      const session = await (await api.read(id)).json();
      if (session.dataflow?.status === status || Date.now() > until) return session;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('auto (asked by the session): the user returns as soon as the connection is made; the status and dataflow.created carry the dataflow', async () => {
    const { api, h, receiver } = await start();
    const { id, url } = await (await api.create({ partner_user_id: 'u-7', return_url: RETURN_URL, dataflow: 'auto' })).json();
    const { location } = await followSession(h.browser(), url);
    expect(location.startsWith(`${RETURN_URL}?`)).toBe(true);
    expect(new URL(location).searchParams.get('status')).toBe('completed');

    const session = await sessionWhen(api, id, 'scheduled');
    expect(session.status).toBe('completed');
    const [flow] = h.sandbox.flowService.flows();
    expect(session.dataflow).toEqual({
      status: 'scheduled',
      id: flow!.id,
      dataset_id: h.sandbox.catalog.datasets()[0]!.id,
      schema_id: h.sandbox.schemaRegistry.schemas()[0]!.$id,
      source_connection_id: flow!.sourceConnectionIds[0],
      target_connection_id: flow!.targetConnectionIds[0],
      mapping_set_id: h.sandbox.dataPrep.mappingSets()[0]!.id,
      schedule: { frequency: 'hour', interval: 1, start_time: new Date(flow!.scheduleParams.startTime * 1000).toISOString() },
      warnings: ['delta-added-at'],
    });
    // The connections registry keeps the dataflow's ids on the connection's row (a deletion removes them first).
    const row = await h.services.connections.get(session.connection_id);
    expect(row?.dataflow).toMatchObject({
      flowId: flow!.id,
      datasetId: session.dataflow.dataset_id,
      mappingSetId: session.dataflow.mapping_set_id,
    });
    const hooks = await receiver.waitFor(2);
    expect(hooks.map((hk) => hk.body.type)).toEqual(['connection.created', 'dataflow.created']);
    expect(hooks[1]!.body.data).toEqual({
      session_id: id,
      sandbox: 'prod',
      connection_id: session.connection_id,
      partner_user_id: 'u-7',
      dataflow: session.dataflow,
    });
  });

  it('auto (from the partner entry): a 403 on the dataset sends dataflow.failed with the step, the code and the ids made so far', async () => {
    const { api, h, receiver } = await start({ mode: 'auto' });
    h.sandbox.catalog.faults.inject({ method: 'POST', path: CREATES.dataset.path }, { status: 403, body: { title: 'Forbidden' } });
    const { id, url } = await (await api.create({ partner_user_id: 'u-8' })).json();
    await followSession(h.browser(), url);
    const session = await sessionWhen(api, id, 'failed');
    expect(session.status).toBe('completed');
    expect(session.dataflow).toEqual({
      status: 'failed',
      schema_id: h.sandbox.schemaRegistry.schemas()[0]!.$id,
      error_code: 'DATAFLOW_PERMISSION_DENIED',
      failed_step: 'dataset',
      warnings: ['delta-added-at'],
    });
    const hooks = await receiver.waitFor(2);
    expect(hooks[1]!.body).toMatchObject({
      type: 'dataflow.failed',
      data: { session_id: id, partner_user_id: 'u-8', dataflow: session.dataflow },
    });
  });

  it('a session may turn the dataflow off: the status says off and no dataflow API is called', async () => {
    const { api, h } = await start({ mode: 'auto' });
    const { id, url } = await (await api.create({ dataflow: 'off' })).json();
    await followSession(h.browser(), url);
    const session = await (await api.read(id)).json();
    expect(session).toMatchObject({ status: 'completed', dataflow: { status: 'off' } });
    expect(h.sandbox.catalog.requests.entries).toEqual([]);
  });

  it('after the connection (and so its dataflow) is deleted, the same portal is offered a new dataflow, not shown the deleted one', async () => {
    const key = newApiKey();
    const { h } = await start({ mode: 'auto' }, key);
    const api = partnerApi(h.url, key);
    const first = await (await api.create({})).json();
    await followSession(h.browser(), first.url);
    const made = await sessionWhen(api, first.id, 'scheduled');
    expect((await connectionsApi(h.url, key).delete(made.connection_id)).status).toBe(200);
    expect(h.sandbox.flowService.flows()).toEqual([]);

    const second = await (await api.create({ dataflow: 'offer' })).json();
    await followSession(h.browser(), second.url);
    const again = await (await api.read(second.id)).json();
    expect(again.dataflow).toEqual({ status: 'offered', warnings: [] });
  });
});
