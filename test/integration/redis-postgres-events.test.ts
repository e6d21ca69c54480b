import { afterEach, describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { continueSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

describe('Two instances on Redis and PostgreSQL: the event log is shared', () => {
  let cluster: Cluster | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await cluster?.close();
    await receiver?.close();
    cluster = undefined;
    receiver = undefined;
  });

  it('an event made through one instance is listed and redelivered through the other, with the same id', async () => {
    receiver = await startWebhookReceiver();
    const key = newApiKey();
    cluster = await startCluster({
      env: partnersEnv([{ id: 'acme', apiKey: key, webhookUrl: receiver.url, webhookSecret: 'whsec_two_0123456789' }]),
    });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const { id, url } = await (await partnerApi(a.url, key).create({ partner_user_id: 'u-2i', metadata: { tenant: 't' } })).json();
    // The user cancels on HubSpot's consent page; the whole round trip goes through instance A.
    const browser = cluster.browser();
    const go = await continueSession(browser, cluster.on(a, url));
    const consent = await decideConsent(go.headers.get('location')!, 'cancel');
    await browser.get(cluster.on(a, new URL(consent.headers.get('location')!, go.headers.get('location')!).toString()));
    const [hook] = await receiver.waitFor(1, 10_000);

    const throughB = partnerApi(b.url, key);
    const { data } = await (await throughB.events()).json();
    expect(data.map((e: { id: string }) => e.id)).toEqual([hook!.body.id]);
    expect(data[0].data).toMatchObject({ session_id: id, partner_user_id: 'u-2i', metadata: { tenant: 't' } });
    expect((await throughB.redeliver(hook!.body.id)).status).toBe(202);
    const [, again] = await receiver.waitFor(2, 10_000);
    expect(again!.headers['hubspot-aep-event-id']).toBe(hook!.body.id);
    expect(again!.raw).toBe(hook!.raw);
  });
});
