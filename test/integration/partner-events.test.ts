import { describe, expect, it } from 'vitest';
import { followSession, newApiKey, partnerApi } from '../support/partners.js';
import { readmeVerifier } from '../support/readme-verifier.js';
import { useWebhookHarness, WEBHOOK_SECRET } from '../support/webhook-harness.js';

const verify = await readmeVerifier();
type Listed = {
  id: string;
  type: string;
  created_at: string;
  data: Record<string, unknown>;
  deliveries: { at: string; status: unknown }[];
};

/** Waits until `read` gives a truthy value (the log is written by background jobs). */
async function until<T>(read: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the partner event log: GET /api/v1/events and redelivery', () => {
  const start = useWebhookHarness();
  const globexKey = newApiKey();

  it('lists a partner’s own events newest first, with type filter and pages, and nothing of another partner’s', async () => {
    const { api, h, receiver } = await start({ others: [{ id: 'globex', apiKey: globexKey }] });
    const ids: string[] = [];
    for (const decision of ['grant', 'cancel', 'cancel'] as const) {
      const { id, url } = await (await api.create({ partner_user_id: `u-${decision}`, metadata: { d: decision } })).json();
      ids.push(id);
      await followSession(h.browser(), url, decision);
      await receiver.waitFor(ids.length);
    }
    const all = (await (await api.events()).json()) as { data: Listed[]; has_more: boolean };
    expect(all.has_more).toBe(false);
    expect(all.data.map((e) => e.data.session_id)).toEqual([...ids].reverse());
    expect(all.data.map((e) => e.id)).toEqual([...receiver.received].reverse().map((hook) => hook.body.id));
    expect(all.data[2]).toMatchObject({ type: 'connection.created', data: { partner_user_id: 'u-grant', metadata: { d: 'grant' } } });

    const failed = (await (await api.events('?type=connection.failed&limit=1')).json()) as { data: Listed[]; has_more: boolean };
    expect([failed.data.map((e) => e.data.session_id), failed.has_more]).toEqual([[ids[2]], true]);
    const next = (await (await api.events(`?type=connection.failed&limit=1&starting_after=${failed.data[0]!.id}`)).json()) as {
      data: Listed[];
      has_more: boolean;
    };
    expect([next.data.map((e) => e.data.session_id), next.has_more]).toEqual([[ids[1]], false]);

    const globex = partnerApi(h.url, globexKey);
    expect((await (await globex.events()).json()).data).toEqual([]);
    const leak = await globex.events(`?starting_after=${all.data[0]!.id}`);
    expect(leak.status).toBe(400);
    expect((await globex.redeliver(all.data[0]!.id)).status).toBe(404);
  });

  it.each([
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=ten', 'limit'],
    ['?type=connection.exploded', 'type'],
    ['?starting_after=evt_unknown', 'starting_after'],
    ['?limit=5&limit=6', 'limit'],
    ['?expand=data', 'expand'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const { api } = await start();
    const res = await api.events(query);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'REQUEST_INVALID', fields: [field] });
  });

  it('records each delivery attempt, and redelivers an event with the same id, freshly signed', async () => {
    const { api, h, receiver } = await start({ answer: (_hook, n) => (n === 1 ? 503 : 204) });
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    const [failed, delivered] = await receiver.waitFor(2);
    const listed = await until(async () => {
      const [event] = ((await (await api.events()).json()) as { data: Listed[] }).data;
      return event?.deliveries.length === 2 ? event : undefined;
    });
    expect(listed!.deliveries.map((d) => d.status)).toEqual([503, 204]);
    expect(listed!.id).toBe(delivered!.body.id);

    const redelivered = await api.redeliver(listed!.id);
    expect(redelivered.status).toBe(202);
    const [, , again] = await receiver.waitFor(3);
    expect(again!.body).toEqual(failed!.body);
    expect(again!.headers['hubspot-aep-event-id']).toBe(listed!.id);
    expect(verify(again!.raw, String(again!.headers['hubspot-aep-signature']), WEBHOOK_SECRET)).toBe(true);
    const after = await until(async () => {
      const [event] = ((await (await api.events()).json()) as { data: Listed[] }).data;
      return event?.deliveries.length === 3 ? event : undefined;
    });
    expect(after!.deliveries.map((d) => d.status)).toEqual([503, 204, 204]);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(3);
  });

  it('keeps events for a partner without a webhook, and refuses to redeliver them (409)', async () => {
    const { h } = await start({ others: [{ id: 'globex', apiKey: globexKey }] });
    const globex = partnerApi(h.url, globexKey);
    const { url } = await (await globex.create({})).json();
    await followSession(h.browser(), url, 'cancel');
    const [event] = (await until(async () => {
      const { data } = (await (await globex.events()).json()) as { data: Listed[] };
      return data.length ? data : undefined;
    }))!;
    expect(event).toMatchObject({ type: 'connection.failed', deliveries: [] });
    const res = await globex.redeliver(event!.id);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });

  it('answers 404 for an unknown event and 401 without a key', async () => {
    const { api, h } = await start();
    expect((await api.redeliver('evt_unknown')).status).toBe(404);
    expect((await fetch(`${h.url}/api/v1/events`)).status).toBe(401);
  });
});
