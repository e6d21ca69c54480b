import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILED_API_AUTH_PER_MINUTE } from '../../src/web/rate-limits.js';
import { startHarness, type Harness } from '../support/harness.js';
import { newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

describe('partner API under abuse', () => {
  let h: Harness;
  const key = newApiKey();
  beforeAll(async () => {
    h = await startHarness({ env: partnersEnv([{ id: 'acme', apiKey: key }]) });
  });
  afterAll(async () => h?.close());

  it('When a session id is not percent-encoding (/api/v1/connect-sessions/%), then 404 JSON logged below error', async () => {
    const res = await fetch(`${h.url}/api/v1/connect-sessions/%`, {
      headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
    expect(h.logLines.join('')).not.toMatch(/"level":50/);
  });

  it('When one client keeps sending wrong API keys, then after the budget it gets 429 with Retry-After; right keys do not count', async () => {
    const api = partnerApi(h.url, key);
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE + 5; i += 1) expect((await api.read('nope')).status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE + 1; i += 1) statuses.push((await partnerApi(h.url, newApiKey()).read('x')).status);
    expect(statuses.slice(0, FAILED_API_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    const limited = await partnerApi(h.url, newApiKey()).read('x');
    expect(statuses.at(-1)).toBe(429);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
  });
});
