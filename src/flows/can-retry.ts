import { ERROR_CODES } from '../errors/error-codes.js';
import type { FlowRecord } from './flow-record.js';

/**
 * Retry (no new consent) is possible for a failed flow whose error is retryable and whose sealed tokens are
 * still there: the code was exchanged and the 15 minutes have not passed. Otherwise the page offers "Start again".
 */
export function canRetry(record: FlowRecord, now: number): boolean {
  if (record.status !== 'failed' || !record.error) return false;
  return ERROR_CODES[record.error.code].retry && Boolean(record.sealed?.tokens) && (record.sealed?.expiresAt ?? 0) > now;
}
