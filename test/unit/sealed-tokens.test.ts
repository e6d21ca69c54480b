import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenSealer } from '../../src/flows/sealed-tokens.js';

const key = randomBytes(32).toString('base64');
const tokens = { accessToken: 'CJT-access-token-value', refreshToken: 'na1-refresh-token-value' };

describe('TokenSealer', () => {
  it('opens what it sealed for the same flow', () => {
    const sealer = new TokenSealer(key);
    expect(sealer.open('flow-1', sealer.seal('flow-1', tokens))).toEqual(tokens);
  });

  it('never shows the plaintext and uses a fresh IV per seal', () => {
    const sealer = new TokenSealer(key);
    const a = sealer.seal('flow-1', tokens);
    const b = sealer.seal('flow-1', tokens);
    expect(a).not.toBe(b);
    expect(a).not.toContain('access-token');
    expect(a.split('.')[1]).toHaveLength(16); // 12 bytes, base64url
  });

  it('refuses a value sealed for another flow, with another key, or tampered with', () => {
    const sealer = new TokenSealer(key);
    const sealed = sealer.seal('flow-1', tokens);
    expect(sealer.open('flow-2', sealed)).toBeUndefined();
    expect(new TokenSealer(randomBytes(32).toString('base64')).open('flow-1', sealed)).toBeUndefined();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(sealer.open('flow-1', [parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toBeUndefined();
    expect(sealer.open('flow-1', 'garbage')).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new TokenSealer(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
