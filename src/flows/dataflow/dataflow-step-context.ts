import type { DataflowClients } from '../../adobe/adobe-directory.js';
import { AppError } from '../../errors/app-error.js';
import { withFreshTokenOnRejection } from '../upsert-connection.js';
import type { StepContext } from '../complete/completion-deps.js';
import type { DataflowState } from './dataflow-state.js';

/** What every dataflow step works with: the dataflow state, the portal, the base connection and the four clients. */
export interface DataflowWork {
  state: DataflowState;
  hubId: number;
  connectionId: string;
  api: DataflowClients;
  /** How long to look for what a create with a lost answer made. */
  settleMs: number;
  now: () => number;
  /** Calls `fn` with an IMS token; a 401 (a revoked cached token: nothing was done) gets one fresh token and one more try. */
  withToken<T>(fn: (token: string) => Promise<T>): Promise<T>;
}

export function dataflowWork(ctx: StepContext): DataflowWork {
  const state = ctx.record.dataflow;
  const hubId = ctx.record.hub?.hubId;
  const connectionId = ctx.record.connection?.id;
  if (!state || hubId === undefined || !connectionId)
    throw new AppError('INTERNAL', 'a dataflow step ran without a connection or settings');
  const { ims } = ctx.adobe;
  return {
    state,
    hubId,
    connectionId,
    api: ctx.adobe.dataflow,
    settleMs: ctx.deps.config.upstreamTimeoutMs * 2,
    now: ctx.deps.now,
    withToken: (fn) => withFreshTokenOnRejection(ims, fn),
  };
}

/** A step that needs an earlier step's id met a record without it: a bug, not an upstream answer. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AppError('INTERNAL', `dataflow step ran before ${what} was known`);
  return value;
}
