import type { DataflowView } from '../flows/dataflow/dataflow-state.js';
import type { ConnectSession } from './connect-session.js';

export type WebhookEventType =
  'connection.created' | 'connection.updated' | 'connection.failed' | 'session.expired' | 'dataflow.created' | 'dataflow.failed';

/** The body of one webhook POST. It never carries a token, key or secret. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: {
    session_id: string;
    sandbox?: string;
    partner_user_id?: string;
    connection_id?: string;
    hub_id?: number;
    error_code?: string;
    /** dataflow.* events: the same object as the session status's `dataflow`. */
    dataflow?: DataflowView;
  };
}

export function webhookEvent(id: string, type: WebhookEventType, at: number, session: ConnectSession): WebhookEvent {
  return envelope(id, type, at, {
    session_id: session.id,
    sandbox: session.sandbox,
    ...(session.partnerUserId !== undefined ? { partner_user_id: session.partnerUserId } : {}),
    ...(session.connectionId !== undefined ? { connection_id: session.connectionId } : {}),
    ...(session.hubId !== undefined ? { hub_id: session.hubId } : {}),
    ...(session.errorCode !== undefined ? { error_code: session.errorCode } : {}),
  });
}

/** dataflow.created / dataflow.failed: `{session_id, connection_id, partner_user_id, dataflow}`. */
export function dataflowWebhookEvent(
  id: string,
  type: 'dataflow.created' | 'dataflow.failed',
  at: number,
  session: ConnectSession,
): WebhookEvent {
  return envelope(id, type, at, {
    session_id: session.id,
    ...(session.connectionId !== undefined ? { connection_id: session.connectionId } : {}),
    ...(session.partnerUserId !== undefined ? { partner_user_id: session.partnerUserId } : {}),
    dataflow: session.dataflow ?? { status: 'off' },
  });
}

function envelope(id: string, type: WebhookEventType, at: number, data: WebhookEvent['data']): WebhookEvent {
  return { id, type, created_at: new Date(at).toISOString(), data };
}
