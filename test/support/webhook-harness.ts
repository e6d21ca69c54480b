import { afterEach } from 'vitest';
import type { ServiceOptions } from '../../src/services.js';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';
import { newApiKey, partnerApi, partnersEnv, type TestPartner } from './partners.js';
import { startWebhookReceiver, type HookAnswer, type ReceivedHook } from './webhook-receiver.js';

export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';
/** Same shape as a production schedule, compressed to milliseconds. */
export const FAST_SCHEDULE = [0, 20, 40, 60, 80, 100, 120, 140];

export interface WebhookHarnessOptions {
  answer?: (hook: ReceivedHook, n: number) => HookAnswer;
  /** Overrides of the partner `acme` (its webhook points at the receiver, signed with WEBHOOK_SECRET). */
  partner?: Partial<TestPartner>;
  /** More partners beside `acme`. */
  others?: TestPartner[];
  services?: ServiceOptions;
  /** More of the harness's own options (the store, more environment). */
  harness?: Pick<HarnessOptions, 'store' | 'env'>;
}

/**
 * A service with partner `acme` whose webhook is a receiver on loopback, retried on FAST_SCHEDULE; both are
 * closed after each test. Returns a starter to call inside a test.
 */
export function useWebhookHarness() {
  let h: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await h?.close();
    await receiver?.close();
    h = undefined;
    receiver = undefined;
  });
  return async (options: WebhookHarnessOptions = {}) => {
    receiver = await startWebhookReceiver(options.answer);
    const key = newApiKey();
    const acme: TestPartner = { id: 'acme', apiKey: key, webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET, ...options.partner };
    h = await startHarness({
      ...options.harness,
      env: { ...options.harness?.env, ...partnersEnv([acme, ...(options.others ?? [])]) },
      services: { webhookSchedule: FAST_SCHEDULE, ...options.services },
    });
    return { api: partnerApi(h.url, key), receiver, h };
  };
}
