import { startHarness, type HarnessOptions } from './harness.js';
import { newApiKey, partnerApi, partnersEnv, type TestPartner } from './partners.js';
import { startWebhookReceiver } from './webhook-receiver.js';

/**
 * The service with one partner, `acme`, whose webhooks go to a receiver on loopback: the setup of every test
 * that follows a partner's sessions to their outcome. Close it in afterEach with `close()`.
 */
export async function startPartnerHarness(options: HarnessOptions & { partner?: Partial<TestPartner> } = {}) {
  const { partner, env, ...rest } = options;
  const receiver = await startWebhookReceiver();
  const apiKey = newApiKey();
  const webhook = { webhookUrl: receiver.url, webhookSecret: 'whsec_test_partner_0123456789abcdef' };
  const h = await startHarness({ ...rest, env: { ...env, ...partnersEnv([{ id: 'acme', apiKey, ...webhook, ...partner }]) } });
  return {
    h,
    receiver,
    api: partnerApi(h.url, apiKey),
    async close() {
      await h.close();
      await receiver.close();
    },
  };
}

export type PartnerHarness = Awaited<ReturnType<typeof startPartnerHarness>>;
