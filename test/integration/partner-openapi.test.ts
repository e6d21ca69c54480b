import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/error-codes.js';
import { startHarness, type Harness } from '../support/harness.js';
import { connectionsApi, finishedSession, followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

type Operation = {
  summary?: string;
  description?: string;
  responses: Record<string, { 'x-error-codes'?: string[]; content?: Record<string, { schema: unknown }> }>;
};
type Doc = {
  servers?: { url: string }[];
  components: { schemas: Record<string, unknown> & { ErrorCode: { enum: string[] }; HealthReason: { enum: string[] } } };
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, Record<string, Operation>>;
};

/** Every error code literal the service's source can send: AppError constructions and `code:`/`error_code` values. */
function codesInSource(dir: string): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'demo' && name !== 'i18n') for (const c of codesInSource(path)) found.add(c);
      continue;
    }
    if (!path.endsWith('.ts')) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/AppError\(\s*'([A-Z][A-Z_]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\?\? '([A-Z][A-Z_]+)'/g)) found.add(m[1]!);
  }
  return found;
}

describe('the served OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const key = newApiKey();
  const ajv = new Ajv({ strict: false, allErrors: true });
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness({
      env: partnersEnv([
        { id: 'acme', apiKey: key, returnUrls: ['https://portal.acme.example/done'], webhookUrl: receiver.url, webhookSecret: 'whsec_x' },
      ]),
    });
    const res = await fetch(`${h.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
    ajv.addSchema({ components: doc.components }, 'doc');
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  it('is valid OpenAPI 3.1 with this deployment as its server', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.servers?.[0]?.url).toBe(h.config.publicBaseUrl);
  });

  it('gives every operation and webhook a summary and a description', () => {
    const operations = [...Object.values(doc.paths), ...Object.values(doc.webhooks)].flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) {
      expect(op.summary).toBeTruthy();
      expect(op.description).toBeTruthy();
    }
  });

  it('documents the signature and event-id headers on every webhook, the health webhooks too', () => {
    const headers = Object.entries(doc.webhooks).map(([type, item]) => {
      const parameters = (item['post'] as { parameters?: { name: string; in: string; required?: boolean }[] }).parameters ?? [];
      return [type, parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name)];
    });
    expect(headers.map(([type]) => type)).toEqual(expect.arrayContaining(['connection.unhealthy', 'connection.recovered']));
    for (const [type, names] of headers) expect([type, names]).toEqual([type, ['HubSpot-AEP-Signature', 'HubSpot-AEP-Event-Id']]);
  });

  it('lists every error code the service can put on the wire, and each answer’s codes have that answer’s status', () => {
    // Error codes, and the health watch's causes that a connection's last_error carries beside them.
    const documented = new Set([...doc.components.schemas.ErrorCode.enum, ...doc.components.schemas.HealthReason.enum]);
    const onTheWire = new Set([...Object.keys(ERROR_CODES), ...codesInSource(join(import.meta.dirname, '../../src'))]);
    expect([...onTheWire].filter((code) => !documented.has(code))).toEqual([]);
    const statuses = new Set<string>();
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        for (const [status, response] of Object.entries(op.responses))
          for (const code of response['x-error-codes'] ?? []) {
            statuses.add(status);
            expect(`${code} ${ERROR_CODES[code as keyof typeof ERROR_CODES]?.status}`).toBe(`${code} ${status}`);
          }
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['400', '401', '404', '409', '410', '429']));
  });

  /** Checks one real response against the document's schema for its path, method and status. */
  async function conforms(res: Response, path: string, method: string) {
    const described = doc.paths[path]?.[method]?.responses[String(res.status)];
    expect(described, `${method.toUpperCase()} ${path} ${res.status} is documented`).toBeDefined();
    const schema = described!.content?.['application/json']?.schema as object;
    const validate = ajv.compile(rebase(schema));
    const body: unknown = await res.json();
    expect(validate(body), ajv.errorsText(validate.errors)).toBe(true);
    return body as Record<string, unknown>;
  }
  /** The document's local refs (`#/components/...`), resolved against the schema registered as `doc`. */
  const rebase = (schema: object) => JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"doc#/')) as object;

  it('describes the partner API’s real answers: creation, every error answer and every session state', async () => {
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

  it('describes the real webhook bodies', async () => {
    const hooks = await receiver.waitFor(2);
    const validate = ajv.compile(rebase(doc.components.schemas.WebhookEvent as object));
    for (const hook of hooks) expect(validate(hook.body), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('describes embed.js’s attach answers, including a refused origin', async () => {
    const api = partnerApi(h.url, key);
    const session = (await (await api.create({})).json()) as { token: string };
    const attach = (body: object) =>
      fetch(`${h.url}/embed/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', accept: 'application/json', origin: 'http://127.0.0.1:1' },
        body: JSON.stringify(body),
      });
    await conforms(await attach({ token: session.token }), '/embed/v1/session', 'post');
    await conforms(await attach({ token: 'unknown' }), '/embed/v1/session', 'post');
  });
});
