import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

describe('Rate limit on flow starts, one instance in memory', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = (harness: Harness, headers: Record<string, string> = {}) => harness.browser('fr').get(`${harness.url}/connect`, headers);

  it('When a client goes over the limit, then it gets a 429 page in its language, with Retry-After', async () => {
    h = await startHarness({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '2' } });
    expect((await start(h)).status).toBe(302);
    expect((await start(h)).status).toBe(302);
    const limited = await start(h);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Trop de tentatives depuis votre réseau');
  });

  it('Behind a trusted proxy, clients are told apart by X-Forwarded-For', async () => {
    h = await startHarness({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '1', TRUST_PROXY: '1' } });
    expect((await start(h, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(302);
    expect((await start(h, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(302);
    expect((await start(h, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
  });

  it('Without TRUST_PROXY, a forged X-Forwarded-For does not buy a fresh budget', async () => {
    h = await startHarness({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '1' } });
    expect((await start(h, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(302);
    expect((await start(h, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);
  });
});
