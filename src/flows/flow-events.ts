import type { ErrorCode } from '../errors/error-codes.js';
import type { DataflowView } from './dataflow/dataflow-state.js';

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
}

/** Where a flow came from when it was not our own home page. */
export interface FlowOrigin {
  readonly kind: 'connect-session';
  readonly partnerId: string;
  readonly sessionId: string;
}

export interface FlowEventSink {
  emit(event: FlowEvent): Promise<void>;
}

/** The sink used when nobody listens. */
export const ignoreFlowEvents: FlowEventSink = { emit: async () => {} };

/** One sink that tells several (metrics, the webhook outbox); one listener failing does not stop the others. */
export function fanOutFlowEvents(...sinks: FlowEventSink[]): FlowEventSink {
  return {
    emit: async (event) => {
      const results = await Promise.allSettled(sinks.map((sink) => sink.emit(event)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
