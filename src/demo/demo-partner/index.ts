import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import type { Partner } from '../../config/partner.js';
import { listenOnLoopback } from '../kit/listen.js';
import { demoPage, donePage } from './demo-page.js';
import { healthPanel } from './health-panel.js';
import { webhookInbox } from './webhook-inbox.js';

export interface DemoPartner {
  url: string;
  apiKey: string;
  returnUrl: string;
  webhookSecret: string;
  partner: Partner;
  close(): Promise<void>;
}

/**
 * demo mode's demo partner portal, on its own loopback origin (127.0.0.1, while the service is
 * reached at localhost), registered with a fresh API key and webhook secret that the banner prints. Each page
 * view creates three connect sessions through the real partner API, one per mode, and lists the webhooks it
 * received with their signature checked.
 */
export async function startDemoPartner(
  serviceUrl: string,
  sandbox: string,
  options: { revokeGrant?: () => void } = {},
): Promise<DemoPartner> {
  const apiKey = `hac_demo_${randomBytes(24).toString('base64url')}`;
  const webhookSecret = `whsec_demo_${randomBytes(24).toString('base64url')}`;
  // One webhook endpoint: it checks each signature, lists every delivery, and hands the valid ones to the health panel.
  const inbox = webhookInbox(webhookSecret, (body) => health.receive(body));
  const app = express();
  app.use(inbox.router);
  const state = { origin: '' };
  const health = healthPanel({
    api: (path, init = {}) =>
      fetch(`${serviceUrl}${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(5_000) }),
    webhookSecret,
    ...(options.revokeGrant ? { revokeGrant: options.revokeGrant } : {}),
  });
  app.use(health.router);
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${serviceUrl}/api/v1/connect-sessions${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    return (await res.json()) as { id: string; token: string; url: string };
  };
  app.get('/', async (_req, res) => {
    const create = (body: object) => api('', { method: 'POST', body: JSON.stringify(body) });
    const [redirect, popup, iframe] = await Promise.all([
      create({ return_url: `${state.origin}/done`, partner_user_id: 'demo-user', partner_state: randomBytes(8).toString('hex') }),
      create({ partner_user_id: 'demo-user' }),
      create({ partner_user_id: 'demo-user' }),
    ]);
    const sessions = { redirectUrl: redirect.url, popupToken: popup.token, iframeToken: iframe.token };
    res.type('html').send(demoPage(serviceUrl, sessions, inbox.received(), await health.render()));
  });
  // The widget's Try again: a fresh session, created server-side as a partner's backend would.
  app.post('/token', async (_req, res) => {
    res.type('text/plain').send((await api('', { method: 'POST', body: JSON.stringify({ partner_user_id: 'demo-user' }) })).token);
  });
  app.get('/done', async (req, res) => {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    const truth = query.session_id ? await api(`/${encodeURIComponent(query.session_id)}`) : null;
    res.type('html').send(donePage(query, truth));
  });
  const server = await listenOnLoopback(app, 0);
  // Another origin than the service's `localhost`, as a real partner's portal would be.
  state.origin = `http://127.0.0.1:${server.port}`;
  return {
    url: state.origin,
    apiKey,
    returnUrl: `${state.origin}/done`,
    webhookSecret,
    partner: {
      id: 'demo',
      name: 'Demo partner portal',
      apiKeySha256: [createHash('sha256').update(apiKey).digest('hex')],
      returnUrls: [`${state.origin}/done`],
      embedOrigins: [state.origin],
      sandboxes: [sandbox],
      webhook: { url: `${state.origin}/webhooks`, secrets: [webhookSecret] },
    },
    close: () => server.close(),
  };
}
