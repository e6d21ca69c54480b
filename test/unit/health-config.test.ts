import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

const health = (env: Record<string, string>) => {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join(' | '));
  return result.config.health;
};

const problems = (env: Record<string, string>) => {
  const result = loadConfig(env);
  return result.ok ? [] : result.problems;
};

describe('health watch configuration', () => {
  it('watches by default, hourly', () => {
    expect(health({})).toMatchObject({ watch: true, intervalMinutes: 60 });
  });

  it('turns the watch off only with HEALTH_WATCH=false', () => {
    expect(health({ HEALTH_WATCH: 'false' }).watch).toBe(false);
    expect(health({ HEALTH_WATCH: 'true' }).watch).toBe(true);
  });

  it.each(['15', '1440'])('accepts HEALTH_WATCH_INTERVAL_MINUTES=%s, a bound of the 15..1440 range', (minutes) => {
    expect(health({ HEALTH_WATCH_INTERVAL_MINUTES: minutes }).intervalMinutes).toBe(Number(minutes));
  });

  it.each(['14', '1441'])('refuses HEALTH_WATCH_INTERVAL_MINUTES=%s, saying the range', (minutes) => {
    expect(problems({ HEALTH_WATCH_INTERVAL_MINUTES: minutes })).toEqual([
      `HEALTH_WATCH_INTERVAL_MINUTES must be a whole number from 15 to 1440 (got "${minutes}")`,
    ]);
  });
});
