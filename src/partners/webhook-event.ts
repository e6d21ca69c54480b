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

/**
 * The body of one webhook POST: the same facts as the session status and the return URL (`partner_state`
 * is what the return URL calls `state`). It never carries a token, key or secret.
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: {
    /** Absent on `connection.deleted`: a deletion comes from the connections API, not from a session. */
    session_id?: string;
    sandbox: string;
    partner_user_id?: string;
    partner_state?: string;
    metadata?: Record<string, string>;
    connection_id?: string;
    /** True when an existing connection for this portal got new credentials (`connection.updated`). */
    reconnected?: boolean;
    hub_id?: number;
    hub_domain?: string;
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
      ...(session.partnerState !== undefined ? { partner_state: session.partnerState } : {}),
      ...(session.metadata !== undefined ? { metadata: session.metadata } : {}),
      ...(session.connectionId !== undefined ? { connection_id: session.connectionId, reconnected: session.reconnected ?? false } : {}),
      ...(session.hubId !== undefined ? { hub_id: session.hubId } : {}),
      ...(session.hubDomain !== undefined ? { hub_domain: session.hubDomain } : {}),
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
