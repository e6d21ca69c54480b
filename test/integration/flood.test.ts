import { describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { flowKey, stateIndexKey, type FlowRecord } from '../../src/flows/flow-record.js';
import { sha256Hex } from '../../src/flows/pkce.js';
import { StartBudget } from '../../src/flows/start-budget.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { BrowserAgent } from '../support/browser-agent.js';
import { useWebhookHarness } from '../support/webhook-harness.js';
import { continueSession, followSession } from '../support/partners.js';

/**
 * A flood of anonymous starts, one per spoofed address (TRUST_PROXY=true believes X-Forwarded-For), against a
 * small store and a small start budget: bounded (a few hundred requests) and on loopback only.
 */
describe('a flood of anonymous flow starts', () => {
  const startWithWebhooks = useWebhookHarness();
  const start = async (budget: StartBudget, store = new MemoryStore({ maxEntries: 400 })) => {
    const env = { TRUST_PROXY: 'true', RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '1000' };
    const started = await startWithWebhooks({ harness: { store, env }, services: { startBudget: budget } });
    return { ...started, store };
  };
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const finishAt = async (browser: BrowserAgent, authorizeUrl: string, account?: { hubId: number }) => {
    const consent = await decideConsent(authorizeUrl, 'grant', account);
    return browser.get(new URL(consent.headers.get('location') ?? '', authorizeUrl).toString());
  };

  it('evicts nothing live: users on the consent page, partner sessions and their webhooks survive; new starts get 503', async () => {
    const { h, api, store, receiver } = await start(new StartBudget({ total: 60, perClient: 5 }));
    // Before the flood: a user on HubSpot's consent page, a partner user on it too, a finished partner session
    // (webhook sent) and one not used yet.
    const user = h.browser();
    const userAuthorize = (await user.get(`${h.url}/connect`, from('192.0.2.1'))).headers.get('location')!;
    const done = await (await api.create({})).json();
    await followSession(h.browser(), done.url);
    await receiver.waitFor(1);
    const waiting = await (await api.create({})).json();
    const partnerUser = h.browser();
    await partnerUser.get(waiting.url, from('192.0.2.2'));
    const partnerAuthorize = (await continueSession(partnerUser, waiting.url)).headers.get('location')!;
    const unused = await (await api.create({})).json();

    const statuses: number[] = [];
    const codes = new Set<string>();
    for (let batch = 0; batch < 20; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          h.browser().get(`${h.url}/connect`, { ...from(`10.9.${batch}.${i + 1}`), accept: 'application/json' }),
        ),
      );
      for (const res of answers) {
        statuses.push(res.status);
        if (res.status !== 302) codes.add((await res.json()).error.code);
      }
    }
    // 60 open starts: the user's and the partner user's, then 58 of the flood; the 142 others are refused.
    expect(statuses.filter((s) => s === 302)).toHaveLength(58);
    expect(statuses.filter((s) => s === 503)).toHaveLength(142);
    expect([...codes]).toEqual(['STARTS_BUDGET_SPENT']);
    const page = await h.browser('fr').get(`${h.url}/connect`, from('10.9.99.1'));
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('Le service n’accepte pas de nouvelle tentative de connexion');
    expect(store.size).toBeLessThan(400);

    // Everything live is still there and completes. The home-page user consents on a portal of their own: the demo
    // portal's connection is the partner's, which the home page may not take over.
    const callback = await finishAt(user, userAuthorize, { hubId: 7801 });
    expect(callback.status).toBe(303);
    const flowId = new URL(callback.headers.get('location')!, h.url).pathname.split('/').pop()!;
    await expect.poll(async () => (await store.get<FlowRecord>(flowKey(flowId)))?.status, { timeout: 10_000 }).toBe('connected');
    expect((await finishAt(partnerUser, partnerAuthorize)).status).toBe(303);
    await expect.poll(async () => (await (await api.read(waiting.id)).json()).status, { timeout: 10_000 }).toBe('completed');
    const hooks = await receiver.waitFor(2);
    // One demo portal: the second connection of it is an update.
    expect(hooks.map((hook) => [hook.body.type, hook.body.data.session_id])).toEqual([
      ['connection.created', done.id],
      ['connection.updated', waiting.id],
    ]);
    expect((await (await api.read(done.id)).json()).status).toBe('completed');
    expect((await h.browser().get(unused.url)).status).toBe(200);
    expect(h.logLines.join('')).not.toMatch(/"level":50/);
  });

  it('bounds each client on its own: one address past its budget gets 503, another still starts', async () => {
    const { h } = await start(new StartBudget({ total: 1_000, perClient: 3 }));
    const one = [];
    for (let i = 0; i < 4; i += 1) one.push((await h.browser().get(`${h.url}/connect`, from('198.51.100.7'))).status);
    expect(one).toEqual([302, 302, 302, 503]);
    expect((await h.browser().get(`${h.url}/connect`, from('198.51.100.8'))).status).toBe(302);
  });

  it('a full store refuses new state with a clear 503 and keeps what it holds', async () => {
    const store = new MemoryStore({ maxEntries: 12 });
    const { h } = await start(new StartBudget({ total: 1_000, perClient: 1_000 }), store);
    const user = h.browser();
    const authorize = (await user.get(`${h.url}/connect`)).headers.get('location')!;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await h.browser().get(`${h.url}/connect`, from(`10.8.0.${i + 1}`))).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 302 || s === 503)).toBe(true);
    const full = await h.browser().get(`${h.url}/connect`, { ...from('10.8.1.1'), accept: 'application/json' });
    expect(full.status).toBe(503);
    expect((await full.json()).error.code).toBe('STORE_FULL');
    // The first user's state was not evicted to make room.
    const state = new URL(authorize).searchParams.get('state')!;
    const flowId = await store.get<string>(stateIndexKey(sha256Hex(state)));
    expect(flowId).toBeDefined();
    expect((await store.get<FlowRecord>(flowKey(flowId!)))?.status).toBe('started');
    expect(store.size).toBe(12);
  });
});
