import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/partners/webhook-signer.js';
import { readmeVerifier, readmeVerifierSource } from '../support/readme-verifier.js';

const BODY = JSON.stringify({ id: 'evt_1', type: 'connection.created', data: { session_id: 's' } });
const now = () => Math.floor(Date.now() / 1000);

describe('the README’s webhook verification snippet (run as partners copy it)', () => {
  it('accepts our signature and refuses another secret, a changed body and a malformed header', async () => {
    const verify = await readmeVerifier();
    const header = signWebhook(['whsec_one'], BODY, now());
    expect(verify(BODY, header, 'whsec_one')).toBe(true);
    expect(verify(BODY, header, 'whsec_two')).toBe(false);
    expect(verify(BODY.replace('evt_1', 'evt_2'), header, 'whsec_one')).toBe(false);
    for (const bad of [undefined, '', 'v1=abc', `t=${now()}`, `t=${now()},v1=abcd`, header.replace(/v1=/, 'v0=')])
      expect(verify(BODY, bad, 'whsec_one')).toBe(false);
  });

  it('accepts any matching v1 while two secrets are in use, whichever comes first', async () => {
    const verify = await readmeVerifier();
    const header = signWebhook(['whsec_new', 'whsec_old'], BODY, now());
    expect(header.match(/,v1=[0-9a-f]{64}/g)).toHaveLength(2);
    expect(verify(BODY, header, 'whsec_new')).toBe(true);
    expect(verify(BODY, header, 'whsec_old')).toBe(true);
    expect(verify(BODY, header, 'whsec_other')).toBe(false);
  });

  it('refuses a timestamp older (or further ahead) than 300 seconds, and accepts one just inside', async () => {
    const verify = await readmeVerifier();
    expect(verify(BODY, signWebhook(['s'], BODY, now() - 310), 's')).toBe(false);
    expect(verify(BODY, signWebhook(['s'], BODY, now() + 310), 's')).toBe(false);
    expect(verify(BODY, signWebhook(['s'], BODY, now() - 290), 's')).toBe(true);
  });

  it('compares in constant time (timingSafeEqual), never with === on the signatures', () => {
    const source = readmeVerifierSource();
    expect(source).toContain('timingSafeEqual(expected');
    expect(source).not.toMatch(/===|!==|\.equals\(/);
  });
});
