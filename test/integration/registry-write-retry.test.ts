import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/job-queue-contract.js';
import { connectionsApi, followSession } from '../support/partners.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { registryOutage } from '../support/registry-outage.js';
import { listedIds } from '../support/two-partners.js';
import { useWebhookHarness, WEBHOOK_SECRET } from '../support/webhook-harness.js';

describe('A connection whose registry write fails when its flow finishes', () => {
  const start = useWebhookHarness();
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('When PostgreSQL refuses the write, then the webhook still goes out and the row appears, once, when the database is back', async () => {
    db = await createTestDatabase('registry_retry');
    const outage = registryOutage();
    const { api, receiver, h } = await start({
      harness: { env: { DATABASE_URL: db.url } },
      services: { wrapRegistry: (real) => outage.wrap(real), registryRetry: { attempts: 8, backoffMs: 100 } },
    });
    const connections = connectionsApi(h.url, api.key);
    await followSession(h.browser(), (await (await api.create({ partner_user_id: 'u-1', metadata: { plan: 'gold' } })).json()).url);

    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.created');
    const connectionId = String(hook!.body.data.connection_id);
    expect((await connections.read(connectionId)).status).toBe(404);
    expect(outage.refused).toBeGreaterThanOrEqual(1);

    outage.down = false;
    await eventually(async () => (await connections.read(connectionId)).status === 200, 15_000);
    expect(await (await connections.read(connectionId)).json()).toMatchObject({
      id: connectionId,
      status: 'active',
      partner_user_id: 'u-1',
      metadata: { plan: 'gold' },
    });
    expect(outage.written).toEqual([connectionId]);
    expect(await listedIds(await connections.list())).toEqual({ ids: [connectionId], hasMore: false });
    expect(receiver.received).toHaveLength(1);
    // Queued for retry, the failure is no longer the flow's: only the retry's own lines say what happened.
    const log = h.logLines.join('');
    expect(log).not.toContain('flow event not delivered');
    expect(log).toContain('connection registry write failed; retrying in the background');
    const metrics = (await h.services.metrics.registry.metrics()).toString();
    expect(metrics).toMatch(/^hac_registry_write_retries_total\{outcome="queued"\} 1$/m);
    expect(metrics).toMatch(/^hac_registry_write_retries_total\{outcome="written"\} 1$/m);
  }, 60_000);

  it('When the database stays down past the last attempt, then the retry gives up with an error naming the connection and no secret', async () => {
    const outage = registryOutage();
    const { api, receiver, h } = await start({
      services: { wrapRegistry: (real) => outage.wrap(real), registryRetry: { attempts: 3, backoffMs: 20 } },
    });
    await followSession(h.browser(), (await (await api.create({})).json()).url);
    const [hook] = await receiver.waitFor(1);
    const connectionId = String(hook!.body.data.connection_id);

    const abandoned = () => h.logLines.filter((line) => line.includes('connection registry write abandoned'));
    await eventually(() => abandoned().length > 0, 10_000);
    const [line] = abandoned();
    expect(JSON.parse(line!)).toMatchObject({ level: 50, connectionId, event: 'connection.created', attempt: 3 });
    for (const secret of [api.key, WEBHOOK_SECRET, h.config.hubspot.clientSecret, h.config.adobe.clientSecret])
      expect(line).not.toContain(secret);
    expect(outage.refused).toBe(3 + 1);
    expect((await connectionsApi(h.url, api.key).read(connectionId)).status).toBe(404);
    expect((await h.services.metrics.registry.metrics()).toString()).toMatch(/^hac_registry_write_retries_total\{outcome="failed"\} 1$/m);
  }, 60_000);
});
