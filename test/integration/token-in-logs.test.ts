import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { continueSession, followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

/**
 * A connect session's token is a bearer secret that travels in its page's path. Every error route a token can
 * reach is driven here with one, and the captured log must never contain it.
 */
describe('connect-session tokens never reach the logs', () => {
  let h: Harness;
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({
      env: {
        RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '3',
        ...partnersEnv([{ id: 'acme', apiKey: key, embedOrigins: ['https://portal.acme.example'] }]),
      },
    });
  });
  afterAll(async () => h?.close());

  it('When a token reaches 404, 409, 410, 429, a decoding error, a cross-site POST and the status endpoint, then no log line holds it', async () => {
    const api = partnerApi(h.url, key);
    const tokens: string[] = [];
    const session = async () => {
      const created = await (await api.create({})).json();
      tokens.push(created.token);
      return created as { token: string; url: string; id: string };
    };
    const statuses: number[] = [];
    const hit = async (res: Promise<Response>) => statuses.push((await res).status);

    const used = await session();
    await followSession(h.browser(), used.url);
    await hit(h.browser().get(used.url)); // 409, used
    await hit(continueSession(h.browser(), used.url)); // 409 (or 429 once over the limit)
    const fresh = await session();
    await hit(h.browser().get(`${h.url}/CONNECT-SESSIONS/${fresh.token}`)); // the router matches case-insensitively
    await hit(h.browser().get(`${fresh.url}%`)); // not percent-encoding: Express's 400, shown as 404
    await hit(h.browser().get(`${fresh.url}/continue%zz`));
    await hit(h.browser().request(`${fresh.url}/continue`, { method: 'POST', headers: { origin: 'https://evil.example' } })); // 404
    await hit(h.browser().get(`${fresh.url}/nothing-here`)); // 404
    const unknown = 'Zm9yZ2VkLXRva2VuLW9mLWZvcnR5LXRocmVlLWNoYXJzMDE';
    tokens.push(unknown);
    await hit(h.browser().get(`${h.url}/connect-sessions/${unknown}`)); // 404
    for (let i = 0; i < 4; i += 1) await hit(continueSession(h.browser(), (await session()).url)); // over the limit: 429
    await hit(fetch(`${h.url}/embed/v1/session`, { headers: { 'HubSpot-AEP-Session-Token': unknown } }));
    h.clock.advance(30 * 60 * 1000 + 1);
    try {
      await hit(h.browser().get(fresh.url)); // 410
    } finally {
      h.clock.advance(-(30 * 60 * 1000 + 1));
    }

    expect(statuses).toEqual(expect.arrayContaining([404, 409, 410, 429]));
    const log = h.logLines.join('');
    expect(log).toContain('/connect-sessions/[token]');
    expect(log).toContain('RATE_LIMITED');
    for (const token of tokens) {
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(0, 20));
    }
  });
});
