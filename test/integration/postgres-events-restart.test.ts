import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

describe('the event log on PostgreSQL', () => {
  let db: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const key = newApiKey();
  const open: Harness[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('events_restart');
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await Promise.all(open.map((h) => h.close()));
    await receiver.close();
    await db.drop();
  });
  /** One service process's lifetime: a fresh instance on the same database and the same partners. */
  const startService = async () => {
    const env = partnersEnv([{ id: 'acme', apiKey: key, webhookUrl: receiver.url, webhookSecret: 'whsec_pg_0123456789abcdef' }]);
    const h = await startHarness({ env: { ...env, DATABASE_URL: db.url } });
    open.push(h);
    return h;
  };

  it('keeps events and their deliveries across a restart of the service, and redelivers one afterwards', async () => {
    const before = await startService();
    const api = partnerApi(before.url, key);
    const { id, url } = await (await api.create({ partner_user_id: 'u-pg', metadata: { tenant: 't-pg' } })).json();
    await followSession(before.browser(), url, 'cancel');
    const [hook] = await receiver.waitFor(1);
    // The attempt is recorded after the answer: wait for it before stopping the service.
    for (let i = 0; i < 100; i += 1) {
      const [event] = (await (await api.events()).json()).data;
      if (event?.deliveries.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await before.close();
    open.splice(0);

    const after = await startService();
    const again = partnerApi(after.url, key);
    const { data, has_more } = await (await again.events()).json();
    expect(has_more).toBe(false);
    expect(data).toEqual([
      {
        id: hook!.body.id,
        type: 'connection.failed',
        created_at: hook!.body.created_at,
        data: { session_id: id, sandbox: 'prod', partner_user_id: 'u-pg', metadata: { tenant: 't-pg' }, error_code: 'CONSENT_DENIED' },
        deliveries: [{ at: expect.any(String), status: 204 }],
      },
    ]);
    expect((await again.redeliver(hook!.body.id)).status).toBe(202);
    const [, redelivered] = await receiver.waitFor(2);
    expect(redelivered!.raw).toBe(hook!.raw);
    expect(redelivered!.headers['hubspot-aep-event-id']).toBe(hook!.body.id);
  });
});
