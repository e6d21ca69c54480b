import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import type { FlowRecord } from './flow-record.js';

/** Whether a failure with this code can be resumed with the flow's sealed tokens (so they are worth keeping). */
export function isResumable(code: ErrorCode): boolean {
  const { remedy } = ERROR_CODES[code];
  return remedy === 'wait' || remedy === 'resume';
}

/**
 * Retry (no new consent) is possible for a failed flow whose error is resumable and whose sealed tokens are
 * still there: the code was exchanged and the 15 minutes have not passed. Otherwise the page offers "Start again".
 */
export function canRetry(record: FlowRecord, now: number): boolean {
  if (record.status !== 'failed' || !record.error) return false;
  return isResumable(record.error.code) && Boolean(record.sealed?.tokens) && (record.sealed?.expiresAt ?? 0) > now;
}
