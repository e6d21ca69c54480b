import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { isTimeoutError, retryDelayMs } from '../../src/http/retry-policy.js';

describe('retryDelayMs', () => {
  it('backs off exponentially from 200 ms when there is no Retry-After', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, undefined))).toEqual([200, 400, 800, 1600]);
  });

  it('caps the exponential backoff at 2 s', () => {
    expect(retryDelayMs(5, undefined)).toBe(2000);
    expect(retryDelayMs(20, undefined)).toBe(2000);
  });

  it('honours a Retry-After in seconds within the ceiling', () => {
    expect(retryDelayMs(1, '1')).toBe(1000);
    expect(retryDelayMs(3, '0')).toBe(0);
    expect(retryDelayMs(1, ' 2 ')).toBe(2000);
  });

  it('caps a long Retry-After at 2 s, because a person is waiting', () => {
    expect(retryDelayMs(1, '120')).toBe(2000);
  });

  it('uses the first value when Retry-After arrives as an array', () => {
    expect(retryDelayMs(1, ['1', '30'])).toBe(1000);
  });

  it.each(['Wed, 21 Oct 2015 07:28:00 GMT', '-1', '1.5', 'soon', ''])('When Retry-After is %j, then it falls back to backoff', (value) => {
    expect(retryDelayMs(2, value)).toBe(400);
  });
});

describe('isTimeoutError', () => {
  it('recognises the DOMException thrown by AbortSignal.timeout', () => {
    expect(isTimeoutError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(true);
  });

  it('does not treat a user abort as a timeout', () => {
    expect(isTimeoutError(new DOMException('This operation was aborted', 'AbortError'))).toBe(false);
  });

  it.each([
    ['ConnectTimeoutError', new errors.ConnectTimeoutError()],
    ['HeadersTimeoutError', new errors.HeadersTimeoutError()],
    ['BodyTimeoutError', new errors.BodyTimeoutError()],
  ])('recognises undici %s by its code', (_name, err) => {
    expect(isTimeoutError(err)).toBe(true);
  });

  it('matches on code, not instanceof (another undici copy)', () => {
    expect(isTimeoutError(Object.assign(new Error('headers timeout'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('timeout')],
    ['an undici socket error', new errors.SocketError('other side closed')],
    ['a connection refusal', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a non-Error object named TimeoutError', { name: 'TimeoutError', code: 'UND_ERR_HEADERS_TIMEOUT' }],
    ['a string', 'TimeoutError'],
    ['undefined', undefined],
  ])('does not treat %s as a timeout', (_label, err) => {
    expect(isTimeoutError(err)).toBe(false);
  });
});
