import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { isResumable } from './can-retry.js';
import { ignoreFlowEvents, type FlowEventSink } from './flow-events.js';
import { saveFlow, type FlowRecord } from './flow-record.js';

/**
 * Records a flow's failure so the result page (and any replayed callback) can show it, and tells the event
 * sink once. The PKCE verifier and sealed code are dropped: a failed flow never exchanges a code again. Sealed
 * tokens stay only when the failure is resumable (Retry resumes with them); otherwise they are wiped.
 */
export async function failFlow(
  store: KeyValueStore,
  record: FlowRecord,
  error: ErrorCode | AppError,
  events: FlowEventSink = ignoreFlowEvents,
): Promise<FlowRecord> {
  const appError = typeof error === 'string' ? new AppError(error, error) : error;
  const { pkceVerifier: _dropped, sealed, leaseUntil: _lease, ...rest } = record;
  const keep = isResumable(appError.code) && sealed?.tokens ? { sealed: { tokens: sealed.tokens, expiresAt: sealed.expiresAt } } : {};
  const failed: FlowRecord = {
    ...rest,
    ...keep,
    status: 'failed',
    error: { code: appError.code, ...(Object.keys(appError.details).length > 0 ? { details: { ...appError.details } } : {}) },
  };
  await saveFlow(store, failed);
  await events
    .emit({
      type: 'connection.failed',
      flowId: failed.id,
      at: Date.now(),
      target: failed.target,
      ...(failed.origin ? { origin: failed.origin } : {}),
      ...(failed.hub ? { hubId: failed.hub.hubId, ...(failed.hub.domain ? { hubDomain: failed.hub.domain } : {}) } : {}),
      errorCode: appError.code,
    })
    .catch(() => undefined);
  return failed;
}
