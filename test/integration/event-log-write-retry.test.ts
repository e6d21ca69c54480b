import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/job-queue-contract.js';
import { eventLogOutage } from '../support/event-log-outage.js';
import { finishedSession, followSession, type partnerApi } from '../support/partners.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { useWebhookHarness, WEBHOOK_SECRET } from '../support/webhook-harness.js';

type Listed = { id: string; type: string; deliveries: { status: unknown }[] };
const listed = async (api: ReturnType<typeof partnerApi>): Promise<Listed[]> =>
  ((await (await api.events()).json()) as { data: Listed[] }).data;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('A partner event whose event log write fails when its flow finishes', () => {
  const start = useWebhookHarness();
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it('When PostgreSQL refuses the event, then no webhook goes out until it is logged, then one, with the id GET /api/v1/events lists', async () => {
    db = await createTestDatabase('event_log_retry');
    const outage = eventLogOutage();
    const { api, receiver, h } = await start({
      harness: { env: { DATABASE_URL: db.url } },
      services: { wrapEventLog: (real) => outage.wrap(real), eventLogRetry: { attempts: 8, backoffMs: 100 } },
    });
    const { id: sessionId, url } = await (await api.create({ partner_user_id: 'u-1', metadata: { plan: 'gold' } })).json();
    await followSession(h.browser(), url);
    expect(await finishedSession(api, sessionId)).toMatchObject({ status: 'completed' });

    // The first write and two retries refused: nothing is sent that GET /api/v1/events could not show.
    await eventually(() => outage.refused >= 3, 10_000);
    expect(receiver.received).toHaveLength(0);
    expect(await listed(api)).toEqual([]);

    outage.down = false;
    const [hook] = await receiver.waitFor(1, 15_000);
    expect(hook!.body).toMatchObject({
      type: 'connection.created',
      data: { session_id: sessionId, partner_user_id: 'u-1', metadata: { plan: 'gold' } },
    });
    expect(hook!.headers['hubspot-aep-event-id']).toBe(hook!.body.id);
    expect((await listed(api)).map((e) => e.id)).toEqual([hook!.body.id]);
    expect(outage.appended).toEqual([hook!.body.id]);
    await eventually(async () => (await listed(api))[0]?.deliveries.length === 1);
    await sleep(500);
    expect(receiver.received).toHaveLength(1);
    expect((await listed(api))[0]).toMatchObject({ id: hook!.body.id, deliveries: [{ status: 204 }] });

    // Queued for retry, the failure is no longer the flow's: only the retry's own lines say what happened.
    const log = h.logLines.join('');
    expect(log).not.toContain('flow event not delivered');
    expect(log).toContain('partner event log write failed; retrying in the background');
    const metrics = (await h.services.metrics.registry.metrics()).toString();
    expect(metrics).toMatch(/^hac_event_log_write_retries_total\{outcome="queued"\} 1$/m);
    expect(metrics).toMatch(/^hac_event_log_write_retries_total\{outcome="written"\} 1$/m);
  }, 60_000);

  it('When the database stays down past the last attempt, then no webhook is sent and the retry gives up with an error naming the event', async () => {
    const outage = eventLogOutage();
    const { api, receiver, h } = await start({
      services: { wrapEventLog: (real) => outage.wrap(real), eventLogRetry: { attempts: 3, backoffMs: 20 } },
    });
    const { id: sessionId, url } = await (await api.create({})).json();
    await followSession(h.browser(), url);
    expect(await finishedSession(api, sessionId)).toMatchObject({ status: 'completed' });

    const abandoned = () => h.logLines.filter((line) => line.includes('partner event log write abandoned'));
    await eventually(() => abandoned().length > 0, 10_000);
    const [line] = abandoned();
    expect(JSON.parse(line!)).toMatchObject({
      level: 50,
      partnerId: 'acme',
      eventId: expect.stringMatching(/^evt_/),
      type: 'connection.created',
      attempt: 3,
    });
    for (const secret of [api.key, WEBHOOK_SECRET, h.config.hubspot.clientSecret, h.config.adobe.clientSecret])
      expect(line).not.toContain(secret);
    expect(outage.refused).toBe(3 + 1);
    await sleep(300);
    expect(receiver.received).toHaveLength(0);
    expect(await listed(api)).toEqual([]);
    expect((await h.services.metrics.registry.metrics()).toString()).toMatch(/^hac_event_log_write_retries_total\{outcome="failed"\} 1$/m);
  }, 60_000);
});
