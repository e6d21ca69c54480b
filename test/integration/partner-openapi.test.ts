import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { connectionsApi, finishedSession, followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

type Doc = {
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};

describe('the served OpenAPI document describes the partner API’s real answers', () => {
  let h: Harness;
  let doc: Doc;
  const key = newApiKey();
  const ajv = new Ajv({ strict: false, allErrors: true });
  beforeAll(async () => {
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key, returnUrls: ['https://portal.acme.example/done'] }]) });
    const res = await fetch(`${h.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
    ajv.addSchema({ components: doc.components }, 'doc');
  });
  afterAll(() => h.close());

  /** Checks one real response against the document's schema for its path, method and status. */
  async function conforms(res: Response, path: string, method: string) {
    const described = doc.paths[path]?.[method]?.responses[String(res.status)];
    expect(described, `${method.toUpperCase()} ${path} ${res.status} is documented`).toBeDefined();
    const schema = described!.content?.['application/json']?.schema as { $ref: string };
    const validate = ajv.compile({ $ref: `doc${schema.$ref}` });
    const body: unknown = await res.json();
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
    return body as Record<string, unknown>;
  }

  it('covers creation, every error answer and every session state', async () => {
    const api = partnerApi(h.url, key);
    const created = await conforms(await api.create({ partner_user_id: 'u-1' }), '/api/v1/connect-sessions', 'post');
    await conforms(await api.create({ return_url: 'https://evil.example/' }), '/api/v1/connect-sessions', 'post');
    await conforms(await partnerApi(h.url, 'nope').create({}), '/api/v1/connect-sessions', 'post');
    const post = (type: string, body: string) =>
      fetch(`${h.url}/api/v1/connect-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': type },
        body,
      });
    await conforms(await post('text/plain', 'x'), '/api/v1/connect-sessions', 'post');
    await conforms(
      await post('application/json', JSON.stringify({ partner_state: 'x'.repeat(70_000) })),
      '/api/v1/connect-sessions',
      'post',
    );

    const one = '/api/v1/connect-sessions/{id}';
    expect((await conforms(await api.read(String(created.id)), one, 'get')).status).toBe('pending');
    await followSession(h.browser(), String(created.url));
    expect((await conforms(await api.read(String(created.id)), one, 'get')).status).toBe('completed');
    const cancelled = (await (await api.create({})).json()) as { id: string; url: string };
    await followSession(h.browser(), cancelled.url, 'cancel');
    expect((await conforms(await api.read(cancelled.id), one, 'get')).status).toBe('failed');
    await conforms(await api.read('unknown'), one, 'get');
    await conforms(await partnerApi(h.url, 'nope').read('unknown'), one, 'get');
  });

  it('covers idempotent creation, metadata, the event list and redelivery', async () => {
    const api = partnerApi(h.url, key);
    const sessions = '/api/v1/connect-sessions';
    const post = (body: unknown) =>
      fetch(`${h.url}${sessions}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'doc-1' },
        body: JSON.stringify(body),
      });
    const created = await conforms(await post({ metadata: { tenant: 't-1' } }), sessions, 'post');
    await conforms(await post({ metadata: { tenant: 't-2' } }), sessions, 'post');
    expect((await conforms(await api.read(String(created.id)), `${sessions}/{id}`, 'get')).metadata).toEqual({ tenant: 't-1' });
    await followSession(h.browser(), String(created.url), 'cancel');
    const listed = await conforms(await api.events('?limit=1'), '/api/v1/events', 'get');
    await conforms(await api.events('?limit=0'), '/api/v1/events', 'get');
    await conforms(await partnerApi(h.url, 'nope').events(), '/api/v1/events', 'get');
    const [event] = listed.data as { id: string }[];
    const redeliver = '/api/v1/events/{id}/redeliver';
    await conforms(await api.redeliver(event!.id), redeliver, 'post');
    await conforms(await api.redeliver('evt_unknown'), redeliver, 'post');
  });

  it('covers the connections API: list, read, delete, their errors, and a reconnect of an unknown connection', async () => {
    const api = partnerApi(h.url, key);
    const connections = connectionsApi(h.url, key);
    const { id, url } = (await (await api.create({ partner_user_id: 'u-doc' })).json()) as { id: string; url: string };
    await followSession(h.browser(), url);
    const connectionId = String((await finishedSession(api, id)).connection_id);
    const list = '/api/v1/connections';
    const one = '/api/v1/connections/{id}';
    const page = await conforms(await connections.list({ limit: '5' }), list, 'get');
    expect((page.data as unknown[]).length).toBeGreaterThan(0);
    await conforms(await connections.list({ limit: '500' }), list, 'get');
    await conforms(await connectionsApi(h.url, 'nope').list(), list, 'get');
    expect((await conforms(await connections.read(connectionId), one, 'get')).hub_id).toEqual(expect.any(String));
    await conforms(await connections.read('unknown'), one, 'get');
    expect((await conforms(await connections.delete(connectionId), one, 'delete')).status).toBe('deleted');
    await conforms(await connections.delete('unknown'), one, 'delete');
    await conforms(await api.create({ connection_id: connectionId }), '/api/v1/connect-sessions', 'post');
  });
});
