import { describe, expect, it } from 'vitest';
import { adobeErrorCodeOf, flowServiceError } from '../../src/adobe/flow-service-errors.js';

const GATEWAY = JSON.stringify({ error_code: '401013', message: 'Oauth token is not valid' });
const SERVICE_404 = JSON.stringify({
  type: 'https://ns.adobe.com/aep/errors/FLOW-1101-404',
  title: 'Resource not found',
  status: 404,
  report: { 'detailed-message': 'The requested connections resource 5e1b-secret-detail is not found.', 'request-id': 'req-1' },
});
const CONTENT_TYPE = JSON.stringify({
  type: '/placeholder/type/uri',
  status: 400,
  title: 'BadRequestError',
  detail: 'A valid content-type must be specified',
});

describe('adobeErrorCodeOf', () => {
  it('reads error_code from a gateway body', () => {
    expect(adobeErrorCodeOf(GATEWAY)).toBe('401013');
  });

  it('reads a numeric error_code as text', () => {
    expect(adobeErrorCodeOf(JSON.stringify({ error_code: 403025, message: 'Profile is not valid' }))).toBe('403025');
  });

  it('reads the FLOW code from the end of a service body type', () => {
    expect(adobeErrorCodeOf(SERVICE_404)).toBe('FLOW-1101-404');
  });

  it('falls back to the title of a content-type problem body', () => {
    expect(adobeErrorCodeOf(CONTENT_TYPE)).toBe('BadRequestError');
  });

  it.each(['<html><body>Bad gateway</body></html>', '', 'null', '[1,2]', '"FLOW-1101-404"', '{}'])(
    'When the body is %j, then there is no code',
    (text) => {
      expect(adobeErrorCodeOf(text)).toBeUndefined();
    },
  );
});

describe('flowServiceError', () => {
  it.each([
    [400, 'AEP_REJECTED'],
    [401, 'AEP_UNAUTHORIZED'],
    [403, 'AEP_FORBIDDEN'],
    [404, 'AEP_NOT_FOUND'],
    [412, 'AEP_REJECTED'],
    [429, 'AEP_UNAVAILABLE'],
    [500, 'AEP_UNAVAILABLE'],
    [503, 'AEP_UNAVAILABLE'],
  ] as const)('maps status %i to %s', (status, code) => {
    const err = flowServiceError(status, '', 'create connection');
    expect(err.code).toBe(code);
    expect(err.details).toEqual({ upstreamStatus: status });
  });

  it('keeps the gateway error_code in the details and the log message', () => {
    const err = flowServiceError(401, GATEWAY, 'create connection');
    expect(err.code).toBe('AEP_UNAUTHORIZED');
    expect(err.details).toEqual({ upstreamStatus: 401, adobeCode: '401013' });
    expect(err.message).toBe('Flow Service create connection answered 401 401013');
  });

  it('keeps the FLOW code of a service body but none of its report text', () => {
    const err = flowServiceError(404, SERVICE_404, 'get connection');
    expect(err.code).toBe('AEP_NOT_FOUND');
    expect(err.details).toEqual({ upstreamStatus: 404, adobeCode: 'FLOW-1101-404' });
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toContain('secret-detail');
  });

  it('keeps the title of a content-type problem body', () => {
    expect(flowServiceError(400, CONTENT_TYPE, 'create connection').details).toEqual({ upstreamStatus: 400, adobeCode: 'BadRequestError' });
  });

  it('When the body is not JSON, then only the status is kept', () => {
    const err = flowServiceError(503, '<html>Service Unavailable</html>', 'list connections');
    expect(err.code).toBe('AEP_UNAVAILABLE');
    expect(err.details).toEqual({ upstreamStatus: 503 });
    expect(err.message).toBe('Flow Service list connections answered 503');
  });

  it('takes status and remedy from the code table', () => {
    expect(flowServiceError(403, '', 'x')).toMatchObject({ status: 502, remedy: 'none' });
    expect(flowServiceError(503, '', 'x')).toMatchObject({ status: 503, remedy: 'wait' });
  });
});
