import type { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { FLOW_RESULT_TTL_MS, flowKey, type FlowRecord } from './flow-record.js';

/**
 * Records a flow's failure so the result page (and any replayed callback) can show it. The PKCE
 * verifier is dropped: a failed flow never exchanges a code again.
 */
export async function failFlow(store: KeyValueStore, record: FlowRecord, error: ErrorCode | AppError): Promise<FlowRecord> {
  const { pkceVerifier: _dropped, ...rest } = record;
  const failed: FlowRecord = {
    ...rest,
    status: 'failed',
    error: typeof error === 'string' ? { code: error } : { code: error.code, details: { ...error.details } },
  };
  await store.set(flowKey(record.id), failed, FLOW_RESULT_TTL_MS);
  return failed;
}
