import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

describe('Scale-out configuration', () => {
  it('runs in memory with default limits when REDIS_URL and METRICS_PORT are unset', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.config.redis).toBeUndefined();
    expect(result.config.metricsPort).toBeUndefined();
    expect(result.config.rateLimits).toEqual({ flowStartsPerMinute: 30, partnerApiPerMinute: 300 });
  });

  it('reads REDIS_URL with its key prefix, DATABASE_URL with its pool size, METRICS_PORT and the limits', () => {
    const result = loadConfig({
      REDIS_URL: 'rediss://cache.example.com:6380',
      DATABASE_URL: 'postgres://hac:pw@db.example.com:5432/hac',
      DATABASE_POOL_MAX: '25',
      REDIS_KEY_PREFIX: 'acme:',
      METRICS_PORT: '9464',
      RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '5',
      RATE_LIMIT_PARTNER_API_PER_MINUTE: '50',
    });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.config.redis).toEqual({ url: 'rediss://cache.example.com:6380', keyPrefix: 'acme:' });
    expect(result.config.database).toEqual({ url: 'postgres://hac:pw@db.example.com:5432/hac', poolMax: 25 });
    expect(result.config.metricsPort).toBe(9464);
    expect(result.config.rateLimits).toEqual({ flowStartsPerMinute: 5, partnerApiPerMinute: 50 });
  });

  it('keeps the registry in memory without DATABASE_URL, and pools ten connections by default with it', () => {
    const memory = loadConfig({});
    if (!memory.ok) throw new Error(memory.problems.join());
    expect(memory.config.database).toBeUndefined();
    const pooled = loadConfig({ DATABASE_URL: 'postgresql://localhost/hac' });
    if (!pooled.ok) throw new Error(pooled.problems.join());
    expect(pooled.config.database).toEqual({ url: 'postgresql://localhost/hac', poolMax: 10 });
  });

  it('refuses REDIS_URL without DATABASE_URL, saying why, and a DATABASE_URL that is not postgres://', () => {
    const alone = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(alone.ok).toBe(false);
    if (alone.ok) return;
    expect(alone.problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is required when REDIS_URL is set: several instances must share/),
    ]);
    const wrong = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'mysql://db/hac' });
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.problems).toEqual(['DATABASE_URL must look like postgres://user:password@host:5432/database']);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://, and a zero rate limit, in plain words', () => {
    const result = loadConfig({ REDIS_URL: 'http://cache:6379', RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toContain('REDIS_URL must look like redis://host:6379');
    expect(result.problems.join('\n')).toContain('RATE_LIMIT_FLOW_STARTS_PER_MINUTE');
  });
});
