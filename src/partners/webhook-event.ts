import type { ConnectionRow } from '../registry/connection-registry.js';
import type { ConnectSession } from './connect-session.js';

export const WEBHOOK_EVENT_TYPES = [
  'connection.created',
  'connection.updated',
  'connection.failed',
  'connection.deleted',
  'session.expired',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The body of one webhook POST. It never carries a token, key or secret. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: {
    /** Absent on `connection.deleted`: a deletion comes from the connections API, not from a session. */
    session_id?: string;
    sandbox: string;
    partner_user_id?: string;
    metadata?: Record<string, string>;
    connection_id?: string;
    hub_id?: number;
    error_code?: string;
    /** `reauthorized` on the `connection.updated` that ends a reconnect session. */
    reason?: 'reauthorized';
  };
}

export function webhookEvent(
  id: string,
  type: WebhookEventType,
  at: number,
  session: ConnectSession,
  reason?: 'reauthorized',
): WebhookEvent {
  return {
    id,
    type,
    created_at: new Date(at).toISOString(),
    data: {
      session_id: session.id,
      sandbox: session.sandbox,
      ...(session.partnerUserId !== undefined ? { partner_user_id: session.partnerUserId } : {}),
      ...(session.metadata !== undefined ? { metadata: session.metadata } : {}),
      ...(session.connectionId !== undefined ? { connection_id: session.connectionId } : {}),
      ...(session.hubId !== undefined ? { hub_id: session.hubId } : {}),
      ...(session.errorCode !== undefined ? { error_code: session.errorCode } : {}),
      ...(reason ? { reason } : {}),
    },
  };
}

/** `connection.deleted`: the registry row's ids and end user, as the connections API shows them. */
export function connectionDeletedEvent(id: string, at: number, row: ConnectionRow): WebhookEvent {
  return {
    id,
    type: 'connection.deleted',
    created_at: new Date(at).toISOString(),
    data: {
      sandbox: row.sandbox,
      ...(row.partnerUserId !== undefined ? { partner_user_id: row.partnerUserId } : {}),
      ...(row.metadata ? { metadata: row.metadata } : {}),
      connection_id: row.id,
      hub_id: row.hubId,
    },
  };
}
