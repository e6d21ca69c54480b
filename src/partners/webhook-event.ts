import type { ConnectSession } from './connect-session.js';

export const WEBHOOK_EVENT_TYPES = ['connection.created', 'connection.updated', 'connection.failed', 'session.expired'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The body of one webhook POST. It never carries a token, key or secret. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  created_at: string;
  data: {
    session_id: string;
    sandbox: string;
    partner_user_id?: string;
    metadata?: Record<string, string>;
    connection_id?: string;
    hub_id?: number;
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
      ...(session.metadata !== undefined ? { metadata: session.metadata } : {}),
      ...(session.connectionId !== undefined ? { connection_id: session.connectionId } : {}),
      ...(session.hubId !== undefined ? { hub_id: session.hubId } : {}),
      ...(session.errorCode !== undefined ? { error_code: session.errorCode } : {}),
    },
  };
}
