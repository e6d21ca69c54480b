import * as Boom from '@hapi/boom';
import { describe, expect, it } from 'vitest';
import { translateBoom } from '../../src/hubspot/translate-boom.js';
import { isAppError, type AppError } from '../../src/errors/app-error.js';

const SECRET_DESCRIPTION = 'auth code 7f3c-SECRET-DESCRIPTION was issued to another client';

/** What Wreck's `_shortcut` throws for a status ≥ 400 (lib/index.js, "Response Error"). */
function responseError(statusCode: number, body: unknown): Boom.Boom {
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Boom.Boom(`Response Error: ${statusCode} Bad Request`, { statusCode, data: { isResponseError: true, payload } });
}

const visibleText = (err: AppError) => `${err.message} ${JSON.stringify(err.details)}`;

describe('translateBoom', () => {
  it('When HubSpot answers 400 BAD_AUTH_CODE, then HUBSPOT_CODE_REJECTED with the upstream and HubSpot statuses', () => {
    const boom = responseError(400, {
      error: 'invalid_grant',
      error_description: SECRET_DESCRIPTION,
      status: 'BAD_AUTH_CODE',
      message: SECRET_DESCRIPTION,
    });
    const err = translateBoom(boom);
    expect(isAppError(err)).toBe(true);
    expect(err.code).toBe('HUBSPOT_CODE_REJECTED');
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ upstreamStatus: 400, hubspotStatus: 'BAD_AUTH_CODE' });
    expect(err.cause).toBe(boom);
  });

  it('When HubSpot answers the legacy BAD_CLIENT_SECRET body, then HUBSPOT_CLIENT_REJECTED', () => {
    const err = translateBoom(responseError(400, { status: 'BAD_CLIENT_SECRET', message: SECRET_DESCRIPTION, correlationId: 'c-1' }));
    expect(err.code).toBe('HUBSPOT_CLIENT_REJECTED');
    expect(err.remedy).toBe('none');
  });

  it('When HubSpot answers 401 invalid_client without a HubSpot status, then HUBSPOT_CLIENT_REJECTED', () => {
    const err = translateBoom(responseError(401, { error: 'invalid_client', error_description: SECRET_DESCRIPTION }));
    expect(err.code).toBe('HUBSPOT_CLIENT_REJECTED');
    expect(err.details).toEqual({ upstreamStatus: 401 });
  });

  it('When HubSpot throttles the token request (429), then HUBSPOT_UNAVAILABLE, not a rejected request', () => {
    const err = translateBoom(
      new Boom.Boom('Response Error: 429 Too Many Requests', {
        statusCode: 429,
        data: { isResponseError: true, payload: Buffer.from('{}') },
      }),
    );
    expect(err.code).toBe('HUBSPOT_UNAVAILABLE');
  });

  it('When a 4xx response body is not JSON, then HUBSPOT_REQUEST_REJECTED', () => {
    const err = translateBoom(responseError(400, '<html>Bad Request</html>'));
    expect(err.code).toBe('HUBSPOT_REQUEST_REJECTED');
    expect(err.details).toEqual({ upstreamStatus: 400 });
  });

  it('When HubSpot answers 500, then HUBSPOT_UNAVAILABLE with the upstream status', () => {
    const err = translateBoom(responseError(500, { message: SECRET_DESCRIPTION }));
    expect(err.code).toBe('HUBSPOT_UNAVAILABLE');
    expect(err.details).toEqual({ upstreamStatus: 500 });
  });

  it('When Wreck gives up on the request deadline, then HUBSPOT_TIMEOUT', () => {
    const boom = Boom.gatewayTimeout('Client request timeout');
    const err = translateBoom(boom);
    expect(err.code).toBe('HUBSPOT_TIMEOUT');
    expect(err.cause).toBe(boom);
  });

  // Bug: Wreck's read() deadline (same `timeout` option, passed by `_shortcut`) fails with
  // Boom.clientTimeout() — 408 "Request Time-out" — which falls through to HUBSPOT_UNAVAILABLE.
  it('When Wreck times out reading the response body (Boom.clientTimeout, 408), then HUBSPOT_TIMEOUT', () => {
    expect(translateBoom(Boom.clientTimeout()).code).toBe('HUBSPOT_TIMEOUT');
  });

  it('When the response content type is not JSON, then HUBSPOT_BAD_RESPONSE', () => {
    expect(translateBoom(Boom.notAcceptable('The content-type is not JSON compatible')).code).toBe('HUBSPOT_BAD_RESPONSE');
  });

  it('When the response body is not valid JSON, then HUBSPOT_BAD_RESPONSE', () => {
    let parseMessage = '';
    try {
      JSON.parse('<html>');
    } catch (e) {
      parseMessage = (e as Error).message;
    }
    // Wreck: `Boom.badGateway(err.message, { payload: buffer })` from tryParseBuffer.
    const err = translateBoom(Boom.badGateway(parseMessage, { payload: Buffer.from('<html>') }));
    expect(err.code).toBe('HUBSPOT_BAD_RESPONSE');
  });

  it('When the connection fails, then HUBSPOT_UNAVAILABLE', () => {
    const err = translateBoom(Boom.badGateway('Client request error', new Error('connect ECONNREFUSED 127.0.0.1:443')));
    expect(err.code).toBe('HUBSPOT_UNAVAILABLE');
    expect(err.details).toEqual({});
  });

  it('When the error is not a Boom, then HUBSPOT_UNAVAILABLE keeping the original as cause', () => {
    const original = new TypeError('fetch failed');
    const err = translateBoom(original);
    expect(err.code).toBe('HUBSPOT_UNAVAILABLE');
    expect(err.cause).toBe(original);
  });

  it('When the thrown value is not an Error at all, then HUBSPOT_UNAVAILABLE', () => {
    expect(translateBoom('boom').code).toBe('HUBSPOT_UNAVAILABLE');
    expect(translateBoom(null).code).toBe('HUBSPOT_UNAVAILABLE');
  });

  it.each([400, 401, 403, 500, 503])('never puts the error_description of a %i body into the message or details', (status) => {
    const err = translateBoom(
      responseError(status, {
        error: 'invalid_grant',
        error_description: SECRET_DESCRIPTION,
        status: 'BAD_AUTH_CODE',
        message: SECRET_DESCRIPTION,
      }),
    );
    expect(visibleText(err)).not.toContain('SECRET-DESCRIPTION');
  });
});
