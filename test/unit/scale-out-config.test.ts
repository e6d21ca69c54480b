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

  it('reads REDIS_URL with its key prefix, METRICS_PORT and the limits', () => {
    const result = loadConfig({
      REDIS_URL: 'rediss://cache.example.com:6380',
      REDIS_KEY_PREFIX: 'acme:',
      METRICS_PORT: '9464',
      RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '5',
      RATE_LIMIT_PARTNER_API_PER_MINUTE: '50',
    });
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.config.redis).toEqual({ url: 'rediss://cache.example.com:6380', keyPrefix: 'acme:' });
    expect(result.config.metricsPort).toBe(9464);
    expect(result.config.rateLimits).toEqual({ flowStartsPerMinute: 5, partnerApiPerMinute: 50 });
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://, and a zero rate limit, in plain words', () => {
    const result = loadConfig({ REDIS_URL: 'http://cache:6379', RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '0' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toContain('REDIS_URL must look like redis://host:6379');
    expect(result.problems.join('\n')).toContain('RATE_LIMIT_FLOW_STARTS_PER_MINUTE');
  });
});
