import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import type { BrowserAgent } from './browser-agent.js';

export interface TestPartner {
  id: string;
  apiKey: string;
  returnUrls?: string[];
  sandboxes?: string[];
  embedOrigins?: string[];
  webhookUrl?: string;
  webhookSecret?: string;
  /** Several secrets (a rotation): the webhook names them with `secretEnvs`, in this order. */
  webhookSecrets?: string[];
  adobe?: { imsOrg: string; clientId: string; clientSecret: string };
  /** The partner entry's `dataflow` overrides, as written in PARTNERS_FILE. */
  dataflow?: Record<string, unknown>;
}

/** Writes a PARTNERS_FILE for `partners` and returns the environment that names it and holds their secrets. */
export function partnersEnv(partners: TestPartner[]): Record<string, string> {
  const env: Record<string, string> = {};
  const entries = partners.map((p) => {
    const prefix = p.id.toUpperCase().replace(/-/g, '_');
    if (p.webhookSecret) env[`${prefix}_WEBHOOK_SECRET`] = p.webhookSecret;
    const secretEnvs = (p.webhookSecrets ?? []).map((secret, i) => {
      env[`${prefix}_WEBHOOK_SECRET_${i}`] = secret;
      return `${prefix}_WEBHOOK_SECRET_${i}`;
    });
    if (p.adobe) {
      env[`${prefix}_IMS_ORG`] = p.adobe.imsOrg;
      env[`${prefix}_CLIENT_ID`] = p.adobe.clientId;
      env[`${prefix}_CLIENT_SECRET`] = p.adobe.clientSecret;
    }
    return {
      id: p.id,
      name: `${p.id} portal`,
      apiKeySha256: [createHash('sha256').update(p.apiKey).digest('hex')],
      returnUrls: p.returnUrls ?? [],
      embedOrigins: p.embedOrigins ?? [],
      sandboxes: p.sandboxes ?? ['prod'],
      ...(p.webhookUrl
        ? { webhook: { url: p.webhookUrl, ...(p.webhookSecrets ? { secretEnvs } : { secretEnv: `${prefix}_WEBHOOK_SECRET` }) } }
        : {}),
      ...(p.adobe
        ? { adobe: { imsOrgEnv: `${prefix}_IMS_ORG`, clientIdEnv: `${prefix}_CLIENT_ID`, clientSecretEnv: `${prefix}_CLIENT_SECRET` } }
        : {}),
      ...(p.dataflow ? { dataflow: p.dataflow } : {}),
    };
  });
  const file = join(mkdtempSync(join(tmpdir(), 'partners-')), 'partners.json');
  writeFileSync(file, JSON.stringify({ partners: entries }));
  return { PARTNERS_FILE: file, ...env };
}

export const newApiKey = () => `hac_test_${randomBytes(24).toString('base64url')}`;

/** The partner API client: POST/GET connect sessions with a bearer key. */
export function partnerApi(baseUrl: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', accept: 'application/json' };
  return {
    key: apiKey,
    create: (body: unknown = {}) => fetch(`${baseUrl}/api/v1/connect-sessions`, { method: 'POST', headers, body: JSON.stringify(body) }),
    read: (id: string) => fetch(`${baseUrl}/api/v1/connect-sessions/${encodeURIComponent(id)}`, { headers }),
    events: (query = '') => fetch(`${baseUrl}/api/v1/events${query}`, { headers }),
    redeliver: (id: string) => fetch(`${baseUrl}/api/v1/events/${encodeURIComponent(id)}/redeliver`, { method: 'POST', headers }),
  };
}

/** "Connect HubSpot" on a session page: the page's form POSTs to `…/continue`, from the service's own origin. */
export function continueSession(browser: BrowserAgent, sessionUrl: string, query = '') {
  return browser.request(`${sessionUrl}/continue${query}`, {
    method: 'POST',
    headers: { origin: new URL(sessionUrl).origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
}

/** The connections API client: list (with a query string), read and delete with a bearer key. */
export function connectionsApi(baseUrl: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
  const one = (id: string) => `${baseUrl}/api/v1/connections/${encodeURIComponent(id)}`;
  return {
    list: (query: Record<string, string> = {}) => fetch(`${baseUrl}/api/v1/connections?${new URLSearchParams(query)}`, { headers }),
    read: (id: string) => fetch(one(id), { headers }),
    delete: (id: string) => fetch(one(id), { method: 'DELETE', headers }),
  };
}

/** Polls a connect session until it has finished (completed, failed or expired) and returns its status body. */
export async function finishedSession(api: ReturnType<typeof partnerApi>, id: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await api.read(id)).json()) as Record<string, unknown>;
    if (body.status !== 'pending' || Date.now() > deadline) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A user following a session's url: the session page, "Connect HubSpot", consent, and the callback. */
export async function followSession(browser: BrowserAgent, url: string, decision: 'grant' | 'cancel' = 'grant') {
  const page = await browser.get(url);
  const html = await page.text();
  const go = await continueSession(browser, url);
  const authorizeUrl = go.headers.get('location') ?? '';
  const consent = await decideConsent(authorizeUrl, decision);
  const callbackUrl = new URL(consent.headers.get('location') ?? '', authorizeUrl).toString();
  const callback = await browser.get(callbackUrl);
  return { page, html, go, callback, location: callback.headers.get('location') ?? '' };
}
