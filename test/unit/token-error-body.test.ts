import { describe, expect, it } from 'vitest';
import { classifyTokenError, readTokenErrorBody } from '../../src/hubspot/token-error-body.js';

const CURRENT = {
  error: 'invalid_grant',
  error_description: 'missing or unknown auth code',
  status: 'BAD_AUTH_CODE',
  message: 'missing or unknown auth code (message)',
  correlationId: '60270ae6-e9f5-427a-a4ca-4b2d8124c832',
};
const LEGACY = { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code', correlationId: '60270ae6-e9f5-427a-a4ca-4b2d8124c832' };

describe('readTokenErrorBody', () => {
  it('reads the current shape, preferring error_description over message', () => {
    expect(readTokenErrorBody(CURRENT)).toEqual({
      error: 'invalid_grant',
      status: 'BAD_AUTH_CODE',
      description: 'missing or unknown auth code',
      correlationId: '60270ae6-e9f5-427a-a4ca-4b2d8124c832',
    });
  });

  it('reads the legacy v1 shape {status, message, correlationId}', () => {
    expect(readTokenErrorBody(LEGACY)).toEqual({
      status: 'BAD_AUTH_CODE',
      description: 'missing or unknown auth code',
      correlationId: '60270ae6-e9f5-427a-a4ca-4b2d8124c832',
    });
  });

  it('reads a Buffer holding JSON, as Wreck hands it over', () => {
    expect(readTokenErrorBody(Buffer.from(JSON.stringify(LEGACY)))).toEqual(readTokenErrorBody(LEGACY));
  });

  it('reads a JSON string', () => {
    expect(readTokenErrorBody(JSON.stringify(CURRENT))).toEqual(readTokenErrorBody(CURRENT));
  });

  it('keeps unknown extra fields out of the result', () => {
    expect(readTokenErrorBody({ status: 'BAD_GRANT_TYPE', subCategory: 'x', links: {} })).toEqual({ status: 'BAD_GRANT_TYPE' });
  });

  it('omits empty fields', () => {
    expect(readTokenErrorBody({ error: '', status: '', message: '' })).toEqual({});
  });

  it.each([
    ['non-JSON text', '<html>Bad Gateway</html>'],
    ['non-JSON bytes', Buffer.from([0xff, 0xfe, 0x00])],
    ['a JSON string literal', '"BAD_AUTH_CODE"'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', ['BAD_AUTH_CODE']],
    ['fields of the wrong type', { status: 400, error: ['invalid_grant'] }],
  ])('When the body is %s, then nothing is read', (_label, payload) => {
    expect(readTokenErrorBody(payload)).toEqual({});
  });
});

describe('classifyTokenError', () => {
  it.each([
    ['BAD_AUTH_CODE', 'HUBSPOT_CODE_REJECTED'],
    ['EXPIRED_AUTH_CODE', 'HUBSPOT_CODE_REJECTED'],
    ['BAD_CLIENT_ID', 'HUBSPOT_CLIENT_REJECTED'],
    ['BAD_CLIENT_SECRET', 'HUBSPOT_CLIENT_REJECTED'],
    ['BAD_REDIRECT_URI', 'HUBSPOT_REQUEST_REJECTED'],
    ['BAD_GRANT_TYPE', 'HUBSPOT_REQUEST_REJECTED'],
  ] as const)('When HubSpot status is %s, then the code is %s', (status, expected) => {
    expect(classifyTokenError({ status })).toBe(expected);
  });

  it('lets HubSpot status win over the RFC error', () => {
    expect(classifyTokenError({ status: 'BAD_REDIRECT_URI', error: 'invalid_grant' })).toBe('HUBSPOT_REQUEST_REJECTED');
    expect(classifyTokenError({ status: 'BAD_CLIENT_SECRET', error: 'invalid_grant' })).toBe('HUBSPOT_CLIENT_REJECTED');
  });

  it.each([
    ['invalid_client', 'HUBSPOT_CLIENT_REJECTED'],
    ['unauthorized_client', 'HUBSPOT_CLIENT_REJECTED'],
    ['invalid_grant', 'HUBSPOT_CODE_REJECTED'],
    ['invalid_request', 'HUBSPOT_REQUEST_REJECTED'],
    ['unsupported_grant_type', 'HUBSPOT_REQUEST_REJECTED'],
  ] as const)('When the status is unknown and error is %s, then the code is %s', (error, expected) => {
    expect(classifyTokenError({ status: 'BAD_REFRESH_TOKEN', error })).toBe(expected);
    expect(classifyTokenError({ error })).toBe(expected);
  });

  it('falls back to HUBSPOT_REQUEST_REJECTED when nothing is known', () => {
    expect(classifyTokenError({})).toBe('HUBSPOT_REQUEST_REJECTED');
  });

  // Bug: BY_STATUS is a plain object literal, so `BY_STATUS['toString']` finds Object.prototype.toString
  // (truthy) and the function itself is returned instead of one of the three codes.
  it('When HubSpot status names an Object.prototype member such as "toString", then the RFC error still decides', () => {
    expect(classifyTokenError({ status: 'toString', error: 'invalid_grant' })).toBe('HUBSPOT_CODE_REJECTED');
  });
});

describe('the generic 2026-03 error body', () => {
  it('is read: message, correlationId and category', () => {
    const info = readTokenErrorBody({
      message: 'Invalid input (details will vary based on the error)',
      correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf',
      category: 'VALIDATION_ERROR',
      links: { 'knowledge-base': 'https://www.hubspot.com/products/service/knowledge-base' },
    });
    expect(info).toEqual({
      description: 'Invalid input (details will vary based on the error)',
      correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf',
      category: 'VALIDATION_ERROR',
    });
    expect(classifyTokenError(info)).toBe('HUBSPOT_REQUEST_REJECTED');
  });

  it('When its category is INVALID_AUTHENTICATION, then our app credentials are the problem', () => {
    expect(classifyTokenError(readTokenErrorBody({ message: 'x', correlationId: 'y', category: 'INVALID_AUTHENTICATION' }))).toBe(
      'HUBSPOT_CLIENT_REJECTED',
    );
  });
});
