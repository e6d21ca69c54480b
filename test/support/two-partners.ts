import { afterEach, expect } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';
import { connectionsApi, finishedSession, followSession, newApiKey, partnerApi, partnersEnv } from './partners.js';
import { startWebhookReceiver } from './webhook-receiver.js';

export const PARTNER_RETURN_URL = 'https://partner.example.com/hubspot/done';
/** Same shape as production's webhook schedule, compressed to milliseconds. */
const FAST_SCHEDULE = [0, 20, 40, 60, 80, 100, 120, 140];

export interface PartnerClients {
  sessions: ReturnType<typeof partnerApi>;
  connections: ReturnType<typeof connectionsApi>;
}

/**
 * The service with two partners: `acme` (a return URL, and a webhook endpoint recording what it receives) and
 * `globex` (neither), each with its connect-session and connections API clients. `options` adds settings
 * (a dataflow mode, a dataset made in the simulators) to the partners'.
 */
export async function startTwoPartners(options: Pick<HarnessOptions, 'env' | 'envFromSimulators'> = {}) {
  const hooks = await startWebhookReceiver();
  const [acmeKey, globexKey] = [newApiKey(), newApiKey()];
  const h: Harness = await startHarness({
    ...options,
    env: {
      ...options.env,
      ...partnersEnv([
        {
          id: 'acme',
          apiKey: acmeKey,
          returnUrls: [PARTNER_RETURN_URL],
          webhookUrl: hooks.url,
          webhookSecret: 'whsec_test_two_partners_0123456789',
        },
        { id: 'globex', apiKey: globexKey },
      ]),
    },
    services: { webhookSchedule: FAST_SCHEDULE },
  });
  const clients = (key: string): PartnerClients => ({ sessions: partnerApi(h.url, key), connections: connectionsApi(h.url, key) });
  return {
    h,
    hooks,
    acme: clients(acmeKey),
    globex: clients(globexKey),
    async close() {
      await h.close();
      await hooks.close();
    },
  };
}

export type TwoPartners = Awaited<ReturnType<typeof startTwoPartners>>;

/** Inside a describe: a function starting a fresh TwoPartners for the test, closed after it. */
export function twoPartnersPerTest(): (options?: Parameters<typeof startTwoPartners>[0]) => Promise<TwoPartners> {
  let current: TwoPartners | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => (current = await startTwoPartners(options));
}

/** A user of `partner` runs a connect session, consenting on HubSpot portal `hubId`: where it ends, and the session. */
export async function runSession(s: TwoPartners, partner: PartnerClients, hubId: number, body: Record<string, unknown> = {}) {
  s.h.sandbox.hubspot.signInTo({ hubId, domain: `portal-${hubId}.hubspot.com` });
  const created = await partner.sessions.create(body);
  expect(created.status, await created.clone().text()).toBe(201);
  const { id, url } = await created.json();
  const { location } = await followSession(s.h.browser(), url);
  return { id: String(id), location, session: await finishedSession(partner.sessions, id) };
}

/** As runSession, for a session that must complete: the AEP connection id. */
export async function connectPortal(s: TwoPartners, partner: PartnerClients, hubId: number, body: Record<string, unknown> = {}) {
  const { session } = await runSession(s, partner, hubId, body);
  expect(session.status).toBe('completed');
  return String(session.connection_id);
}

/** The headers Adobe's APIs require, for the harness's own org and the `prod` sandbox, with a fresh IMS token. */
export async function adobeHeaders(h: Harness): Promise<Record<string, string>> {
  const { adobe } = h.config;
  const token = await h.services.adobe.forTarget({ org: adobe.imsOrg, sandbox: 'prod' }).ims.getToken();
  return {
    authorization: `Bearer ${token}`,
    'x-api-key': adobe.clientId,
    'x-gw-ims-org-id': adobe.imsOrg,
    'x-sandbox-name': 'prod',
  };
}

/** The ids of a 200 connections list, and its `has_more`. */
export async function listedIds(res: Response): Promise<{ ids: string[]; hasMore: boolean }> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: { id: string }[]; has_more: boolean };
  return { ids: body.data.map((c) => c.id), hasMore: body.has_more };
}
