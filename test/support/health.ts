import type { ServiceOptions } from '../../src/services.js';
import { startHarness, type Harness } from './harness.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from './partners.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/** The return URL of the partner `partnerConnection` registers. */
export const HEALTH_RETURN_URL = 'https://portal.example.com/aep/done';

const HOUR_MS = 60 * 60 * 1000;

/** The registry row of the harness's one connection, as the finished flow recorded it. */
export async function registeredConnection(h: Harness) {
  const stored = h.sandbox.flowService.connections()[0];
  const row = stored && (await h.services.connections.get(stored.id));
  if (!row) throw new Error('no registered connection');
  return row;
}

/** Moves the clock an interval on and runs what one tick queues for the org, as the job would: no real hour waits. */
export async function passIntervals(h: Harness, count: number, intervalMs = HOUR_MS): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    h.clock.advance(intervalMs);
    await h.services.health.watch.checkOrg(h.config.adobe.imsOrg);
  }
}

/** Makes Flow Service's flows list answer with these last runs, and each run's read with a failed copy activity. */
export function flowsAnswer(h: Harness, flows: { id: string; run?: { id: string; state: 'success' | 'failed' } }[]) {
  const faults = h.sandbox.flowService.faults;
  faults.clear();
  const items = flows.map((f) => ({ id: f.id, ...(f.run ? { lastRunDetails: { id: f.run.id, state: f.run.state } } : {}) }));
  faults.inject({ method: 'GET', path: /\/flows$/ }, { status: 200, body: { items } }, Infinity);
  faults.inject(
    { method: 'GET', path: /\/runs\/[^/]+$/ },
    {
      status: 200,
      body: {
        items: [
          {
            metrics: { statusSummary: { status: 'failed', errors: [{ code: 'CONNECTOR-2001-500', message: 'copy failed' }] } },
            activities: [{ id: 'copyActivity', statusSummary: { status: 'failed' } }],
          },
        ],
      },
    },
    Infinity,
  );
}

/**
 * A service with one partner, `acme` (with a webhook receiver unless `webhook` is false), and one connection made
 * through its connect session; with a webhook, its connection.created has arrived. The receiver is closed if the
 * service cannot be made; otherwise closing both is the caller's.
 */
export async function partnerConnection(
  options: { webhook?: boolean; env?: Record<string, string>; services?: ServiceOptions; session?: Record<string, unknown> } = {},
) {
  const receiver = options.webhook === false ? undefined : await startWebhookReceiver();
  try {
    const key = newApiKey();
    const hook = receiver ? { webhookUrl: receiver.url, webhookSecret: 'whsec_0123456789' } : {};
    const h = await startHarness({
      env: { ...options.env, ...partnersEnv([{ id: 'acme', apiKey: key, returnUrls: [HEALTH_RETURN_URL], ...hook }]) },
      services: { webhookSchedule: [0, 20, 40], ...options.services },
    });
    const { url } = await (await partnerApi(h.url, key).create({ return_url: HEALTH_RETURN_URL, ...options.session })).json();
    await followSession(h.browser(), url);
    await receiver?.waitFor(1, 15_000);
    return { h, receiver, key, connection: await registeredConnection(h) };
  } catch (err) {
    await receiver?.close();
    throw err;
  }
}
