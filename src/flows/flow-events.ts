import type { ErrorCode } from '../errors/error-codes.js';
import type { DataflowIds, DataflowView } from './dataflow/dataflow-state.js';

/**
 * What a finished flow tells the rest of the service (webhooks, metrics). Emitted once per flow, after its
 * outcome is saved. Carries no credential of any kind.
 */
export type FlowEventType =
  | 'connection.created'
  | 'connection.updated'
  | 'connection.failed'
  /** The dataflow steps began (after a click in offer mode); no webhook, only the session's status. */
  | 'dataflow.started'
  | 'dataflow.created'
  | 'dataflow.failed';

export interface FlowEvent {
  readonly type: FlowEventType;
  readonly flowId: string;
  /** The flow's run that told it (FlowRecord.run): with the flow id and the type, it names the event in a job id. */
  readonly run?: number;
  readonly at: number;
  readonly target: { readonly org: string; readonly sandbox: string };
  /** Set when the flow was started from a partner's connect session. */
  readonly origin?: FlowOrigin;
  readonly connectionId?: string;
  readonly hubId?: number;
  readonly hubDomain?: string;
  readonly errorCode?: ErrorCode;
  /** The dataflow as the session status and the webhooks show it (on connection events too). */
  readonly dataflow?: DataflowView;
  /** dataflow.* events: every id of what the steps created so far (the connections registry keeps them; never a given dataset's). */
  readonly dataflowIds?: DataflowIds;
  /** `reauthorized`: a partner's reconnect session gave the connection fresh credentials. */
  readonly reason?: 'reauthorized';
}

/** Where a flow came from when it was not our own home page. */
export interface FlowOrigin {
  readonly kind: 'connect-session';
  readonly partnerId: string;
  readonly sessionId: string;
  /** A reconnect session: the connection to re-authorize and the HubSpot portal it belongs to. */
  readonly reconnect?: { readonly connectionId: string; readonly hubId: number };
}

/**
 * A flow's outcome is told in two ordered phases around the save that makes it visible:
 * 1. `settle`, before the flow record says finished: state that readers of the outcome consult (a partner's
 *    connect session, which the popup's last page and the SDK read) is updated first, so nothing ever shows
 *    "finished" next to a stale status;
 * 2. `emit`, after it: announcements (webhooks, metrics).
 */
export interface FlowEventSink {
  settle?(event: FlowEvent): Promise<void>;
  /** Right after the save, before `emit`: a synchronous in-process notice (FlowActivity wakes its waiters). */
  saved?(event: FlowEvent): void;
  emit(event: FlowEvent): Promise<void>;
}

/** The sink used when nobody listens. */
export const ignoreFlowEvents: FlowEventSink = { emit: async () => {} };

/** One sink that tells several (metrics, the webhook outbox); one listener failing does not stop the others. */
export function fanOutFlowEvents(...sinks: FlowEventSink[]): FlowEventSink {
  const all = async (tell: (sink: FlowEventSink) => Promise<void> | undefined) => {
    const results = await Promise.allSettled(sinks.map((sink) => tell(sink)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return {
    settle: (event) => all((sink) => sink.settle?.(event)),
    saved: (event) => sinks.forEach((sink) => sink.saved?.(event)),
    emit: (event) => all((sink) => sink.emit(event)),
  };
}

/**
 * One sink after another, each told even if an earlier one failed (the first failure is thrown at the end): for a
 * listener whose work the next one relies on, such as the registry row a partner reads when its webhook arrives.
 */
export function inOrderFlowEvents(...sinks: FlowEventSink[]): FlowEventSink {
  const each = async (tell: (sink: FlowEventSink) => Promise<void> | undefined) => {
    let failure: unknown;
    for (const sink of sinks) await tell(sink)?.catch((err: unknown) => (failure ??= err));
    if (failure !== undefined) throw failure;
  };
  return {
    settle: (event) => each((sink) => sink.settle?.(event)),
    saved: (event) => sinks.forEach((sink) => sink.saved?.(event)),
    emit: (event) => each((sink) => sink.emit(event)),
  };
}
