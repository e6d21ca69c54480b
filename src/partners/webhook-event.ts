import type { ConnectSession } from './connect-session.js';

export type WebhookEventType = 'connection.created' | 'connection.updated' | 'connection.failed' | 'session.expired';

/**
 * The body of one webhook POST: the same facts as the session status and the return URL (`partner_state`
 * is what the return URL calls `state`). It never carries a token, key or secret.
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: {
    session_id: string;
    sandbox: string;
    partner_user_id?: string;
    partner_state?: string;
    connection_id?: string;
    /** True when an existing connection for this portal got new credentials (`connection.updated`). */
    reconnected?: boolean;
    hub_id?: number;
    hub_domain?: string;
    error_code?: string;
  };
}

export function webhookEvent(id: string, type: WebhookEventType, at: number, session: ConnectSession): WebhookEvent {
  return {
    id,
    type,
    created_at: new Date(at).toISOString(),
    data: {
      session_id: session.id,
      sandbox: session.sandbox,
      ...(session.partnerUserId !== undefined ? { partner_user_id: session.partnerUserId } : {}),
      ...(session.partnerState !== undefined ? { partner_state: session.partnerState } : {}),
      ...(session.connectionId !== undefined ? { connection_id: session.connectionId, reconnected: session.reconnected ?? false } : {}),
      ...(session.hubId !== undefined ? { hub_id: session.hubId } : {}),
      ...(session.hubDomain !== undefined ? { hub_domain: session.hubDomain } : {}),
      ...(session.errorCode !== undefined ? { error_code: session.errorCode } : {}),
    },
  };
}
