import type { DataflowView } from '../flows/dataflow/dataflow-state.js';
import type { ConnectionRow } from '../registry/connection-registry.js';
import type { ConnectSession } from './connect-session.js';

export const WEBHOOK_EVENT_TYPES = [
  'connection.created',
  'connection.updated',
  'connection.failed',
  'connection.deleted',
  'session.expired',
  'dataflow.created',
  'dataflow.failed',
  'connection.unhealthy',
  'connection.recovered',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Events of the health watch, about a connection's health rather than a connect session. */
export type HealthEventType = 'connection.unhealthy' | 'connection.recovered';
export type SessionEventType = Exclude<WebhookEventType, HealthEventType>;

export interface SessionEventData {
  /** Absent on `connection.deleted`: a deletion comes from the connections API, not from a session. */
  session_id?: string;
  sandbox?: string;
  partner_user_id?: string;
  /** The session's partner_state: what the return URL calls `state`. */
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
  /** dataflow.* events: the same object as the session status's `dataflow`. */
  dataflow?: DataflowView;
}

export interface HealthEventData {
  /** The AEP connection id, as in every event. */
  connection_id: string;
  hub_id: number;
  /** The connection's end user and metadata, from its registry row (absent for a connection made without them). */
  partner_user_id?: string;
  metadata?: Record<string, string>;
  status: 'active' | 'needs_reauth' | 'error';
  reason: 'credentials_rejected' | 'grant_revoked' | 'scopes_reduced' | 'runs_failing';
  detected_at: string;
  /** `connection.recovered` only. */
  recovered_at?: string;
  /** `connection.unhealthy` only: the way back for the user. */
  reconnect?: { session_id: string; url: string; expires_at: string };
}

/** The body of one webhook POST. It never carries a token, key or secret. */
export type WebhookEvent =
  | { id: string; type: SessionEventType; created_at: string; data: SessionEventData }
  | { id: string; type: HealthEventType; created_at: string; data: HealthEventData };

export function webhookEvent(
  id: string,
  type: SessionEventType,
  at: number,
  session: ConnectSession,
  reason?: 'reauthorized',
): WebhookEvent {
  return envelope(id, type, at, {
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
  });
}

/** `connection.deleted`: the registry row's ids and end user, as the connections API shows them. */
export function connectionDeletedEvent(id: string, at: number, row: ConnectionRow): WebhookEvent {
  return envelope(id, 'connection.deleted', at, {
    sandbox: row.sandbox,
    ...(row.partnerUserId !== undefined ? { partner_user_id: row.partnerUserId } : {}),
    ...(row.metadata ? { metadata: row.metadata } : {}),
    connection_id: row.id,
    hub_id: row.hubId,
  });
}

/**
 * dataflow.created / dataflow.failed: `{session_id, sandbox, connection_id, partner_user_id, metadata, dataflow}`.
 * The end user's data rides along as on the connection events, so a partner can file the dataflow under its
 * user without first looking the session up.
 */
export function dataflowWebhookEvent(
  id: string,
  type: 'dataflow.created' | 'dataflow.failed',
  at: number,
  session: ConnectSession,
): WebhookEvent {
  return envelope(id, type, at, {
    session_id: session.id,
    sandbox: session.sandbox,
    ...(session.connectionId !== undefined ? { connection_id: session.connectionId } : {}),
    ...(session.partnerUserId !== undefined ? { partner_user_id: session.partnerUserId } : {}),
    ...(session.metadata !== undefined ? { metadata: session.metadata } : {}),
    dataflow: session.dataflow ?? { status: 'off' },
  });
}

function envelope(id: string, type: SessionEventType, at: number, data: SessionEventData): WebhookEvent {
  return { id, type, created_at: new Date(at).toISOString(), data };
}
