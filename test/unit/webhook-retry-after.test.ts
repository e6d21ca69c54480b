import { describe, expect, it } from 'vitest';
import { retryAfter } from '../../src/partners/webhook-post.js';

describe('a partner’s Retry-After (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('2026-11-30T12:00:00.000Z');

  it('reads delta-seconds', () => {
    expect(retryAfter('120', now)).toBe(120_000);
    expect(retryAfter('0', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it, and a past date as no wait', () => {
    expect(retryAfter('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfter('Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither (the schedule applies)', () => {
    expect(retryAfter(null, now)).toBeUndefined();
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter('-5', now)).toBeUndefined();
  });
});
