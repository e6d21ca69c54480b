import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { isResumable } from './can-retry.js';
import type { FlowEventSink } from './flow-events.js';
import type { FlowRecord } from './flow-record.js';
import { hubOf, recordOutcome } from './record-outcome.js';

/**
 * Records a flow's failure so the result page (and any replayed callback) can show it, and tells the event
 * sink once, in order (record-outcome). There is no default sink: every failure — an expired state at claim
 * time too — reaches the metrics and the partner's webhook. The PKCE verifier and sealed code are dropped: a failed flow never exchanges a code again. Sealed
 * tokens stay only when the failure is resumable (Retry resumes with them); otherwise they are wiped.
 */
export async function failFlow(
  store: KeyValueStore,
  record: FlowRecord,
  error: ErrorCode | AppError,
  events: FlowEventSink,
  now: () => number = Date.now,
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
  const event = {
    type: 'connection.failed',
    flowId: failed.id,
    at: now(),
    target: failed.target,
    ...(failed.origin ? { origin: failed.origin } : {}),
    ...hubOf(failed),
    errorCode: appError.code,
  } as const;
  // A listener that cannot settle (its store refusing a write, say) must not keep the failure from being saved.
  const tolerant: FlowEventSink = { settle: async (e) => events.settle?.(e).catch(() => undefined), emit: (e) => events.emit(e) };
  await recordOutcome(store, failed, event, tolerant, () => undefined);
  return failed;
}
