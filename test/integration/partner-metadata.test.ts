import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CREATES } from '../support/dataflow.js';
import { connectionsApi, finishedSession, followSession } from '../support/partners.js';
import { useWebhookHarness } from '../support/webhook-harness.js';

const RETURN_URL = 'https://portal.acme.example/done';

/** The largest metadata the contract allows, in the widest characters: 20 keys of 40, values of 500, 4 UTF-8 bytes each. */
function largestMetadata(): Record<string, string> {
  return Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`${String(i).padStart(2, '0')}${'🔑'.repeat(38)}`, '😀'.repeat(500)]));
}

describe('end-user data: partner_user_id and metadata', () => {
  const startWith = useWebhookHarness();
  const start = () => startWith({ partner: { returnUrls: [RETURN_URL] } });

  it('keeps the largest valid metadata through creation, the session status and the webhook, character for character', async () => {
    const { api, h, receiver } = await start();
    const metadata = largestMetadata();
    // partner_state at its byte bound (1024 bytes once JSON-encoded: 512 two-byte characters).
    const body = { partner_user_id: 'u-'.padEnd(256, 'x'), metadata, partner_state: 'é'.repeat(512), return_url: RETURN_URL };
    const created = await api.create(body);
    expect(created.status).toBe(201);
    const { id, url } = await created.json();
    const pending = await (await api.read(id)).json();
    expect(pending).toMatchObject({ partner_user_id: body.partner_user_id, metadata });
    await followSession(h.browser(), url);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.created');
    expect(hook!.body.data).toMatchObject({ session_id: id, partner_user_id: body.partner_user_id, metadata });
    const done = await (await api.read(id)).json();
    expect(done).toMatchObject({ status: 'completed', partner_user_id: body.partner_user_id, metadata });
  });

  it('keeps partner_user_id and metadata on the connection: listed, read, kept by a reconnect, and in connection.deleted', async () => {
    const { api, h, receiver } = await start();
    const connections = connectionsApi(h.url, api.key);
    const metadata = { tenant: 't-42', plan: 'pro' };
    const { id, url } = await (await api.create({ partner_user_id: 'u-42', metadata })).json();
    await followSession(h.browser(), url);
    const connectionId = String((await finishedSession(api, id)).connection_id);
    const row = await (await connections.read(connectionId)).json();
    expect(row).toMatchObject({ id: connectionId, partner_user_id: 'u-42', metadata });
    const listed = await (await connections.list({ partner_user_id: 'u-42' })).json();
    expect(listed.data).toEqual([row]);

    // A reconnect without metadata keeps the row's; its webhook says so too.
    const again = await (await api.create({ connection_id: connectionId })).json();
    await followSession(h.browser(), again.url);
    expect(await finishedSession(api, again.id)).toMatchObject({ status: 'completed', partner_user_id: 'u-42', metadata });
    expect((await (await connections.read(connectionId)).json()).metadata).toEqual(metadata);

    expect((await connections.delete(connectionId)).status).toBe(200);
    const hooks = await receiver.waitFor(3);
    expect(hooks.map((hook) => [hook.body.type, hook.body.data.metadata])).toEqual([
      ['connection.created', metadata],
      ['connection.updated', metadata],
      ['connection.deleted', metadata],
    ]);
    const [deleted] = (await (await api.events('?type=connection.deleted')).json()).data;
    expect(deleted).toMatchObject({ id: hooks[2]!.body.id, data: { connection_id: connectionId, partner_user_id: 'u-42', metadata } });
  });

  it('echoes metadata in a failed session’s webhook too', async () => {
    const { api, h, receiver } = await start();
    const { url } = await (await api.create({ metadata: { tenant: 't-1' } })).json();
    await followSession(h.browser(), url, 'cancel');
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.data).toMatchObject({ error_code: 'CONSENT_DENIED', metadata: { tenant: 't-1' } });
  });

  it.each([['dataflow.created'], ['dataflow.failed']])(
    'carries sandbox, partner_user_id and metadata in %s, as the OpenAPI document describes it',
    async (type) => {
      const { api, h, receiver } = await start();
      // A refused dataset creation makes the dataflow fail after its schema.
      const refused = { status: 403, body: { title: 'Forbidden' } };
      if (type === 'dataflow.failed') h.sandbox.catalog.faults.inject({ method: 'POST', path: CREATES.dataset.path }, refused);
      const metadata = { tenant: 't-9' };
      const { id, url } = await (await api.create({ partner_user_id: 'u-9', metadata, dataflow: 'auto' })).json();
      await followSession(h.browser(), url);
      const [, hook] = await receiver.waitFor(2, 15_000);
      expect(hook!.body.type).toBe(type);
      expect(hook!.body.data).toMatchObject({ session_id: id, sandbox: 'prod', partner_user_id: 'u-9', metadata });

      const doc = await (await fetch(`${h.url}/api/v1/openapi.json`)).json();
      const schema = doc.webhooks[type].post.requestBody.content['application/json'].schema;
      const ajv = new Ajv({ strict: false, allErrors: true }).addSchema({ components: doc.components }, 'doc');
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"doc#/')));
      expect(validate(hook!.body), ajv.errorsText(validate.errors)).toBe(true);
      // And it says these fields are always there.
      expect(JSON.stringify(schema)).toContain('"data":{"required":["session_id","sandbox","dataflow"]}');
    },
  );

  it.each([
    ['21 keys', Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])), 'metadata'],
    ['a value of 501 characters', { note: 'x'.repeat(501) }, 'metadata.note'],
    ['a key of 41 characters', { ['k'.repeat(41)]: 'v' }, 'metadata'],
    ['an empty key', { '': 'v' }, 'metadata'],
    ['a value that is not a string', { n: 1 }, 'metadata.n'],
    ['an array', ['a'], 'metadata'],
  ])('refuses %s with 400 naming metadata', async (_what, metadata, field) => {
    const { api } = await start();
    const res = await api.create({ metadata });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('REQUEST_INVALID');
    expect(error.fields.some((f: string) => f.startsWith(field))).toBe(true);
  });
});
