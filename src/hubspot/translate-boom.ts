import { AppError } from '../errors/app-error.js';
import { isUnavailableStatus } from '../http/status-class.js';
import { classifyTokenError, readTokenErrorBody } from './token-error-body.js';

interface BoomLike {
  isBoom: true;
  message: string;
  output: { statusCode: number };
  data?: { isResponseError?: boolean; payload?: unknown } | null;
}

const isBoom = (err: unknown): err is BoomLike => typeof err === 'object' && err !== null && (err as { isBoom?: unknown }).isBoom === true;

/**
 * simple-oauth2 fails with @hapi/boom errors from Wreck (docs/reference/peers-and-security.md §B.6). They are mapped here,
 * at the adapter boundary, and HubSpot's error body never travels further than its classification.
 */
export function translateBoom(err: unknown): AppError {
  if (!isBoom(err)) return new AppError('HUBSPOT_UNAVAILABLE', 'token request failed', { cause: err });
  if (err.data?.isResponseError) {
    const status = err.output.statusCode;
    // 429 is HubSpot throttling us: unavailable for now, not a rejected request.
    if (isUnavailableStatus(status))
      return new AppError('HUBSPOT_UNAVAILABLE', `token endpoint answered ${status}`, { cause: err, details: { upstreamStatus: status } });
    const info = readTokenErrorBody(err.data.payload);
    return new AppError(classifyTokenError(info), `token endpoint answered ${status} ${info.status ?? info.error ?? ''}`.trim(), {
      cause: err,
      details: { upstreamStatus: status, ...(info.status ? { hubspotStatus: info.status } : {}) },
    });
  }
  // Wreck: 504 "Client request timeout" (headers), 408 clientTimeout (body read); 406 non-JSON content
  // type; 502 request or JSON parse failure.
  if (err.output.statusCode === 504 || err.output.statusCode === 408)
    return new AppError('HUBSPOT_TIMEOUT', 'token request deadline exceeded', { cause: err });
  if (err.output.statusCode === 406 || /JSON/i.test(err.message)) {
    return new AppError('HUBSPOT_BAD_RESPONSE', 'token endpoint answered something other than JSON', { cause: err });
  }
  return new AppError('HUBSPOT_UNAVAILABLE', 'token request failed', { cause: err });
}
