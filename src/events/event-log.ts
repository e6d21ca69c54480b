import type { WebhookEvent } from '../partners/webhook-event.js';

/** Events are kept, listable and redeliverable, this long (Stripe keeps its events 30 days too). */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** One delivery attempt: when, and the partner's HTTP status, or why there was none. */
export interface DeliveryAttempt {
  at: string;
  status: number | 'timeout' | 'connection_error';
}

export type StoredEvent = WebhookEvent & {
  deliveries: DeliveryAttempt[];
};

export interface EventQuery {
  type?: string;
  /** An event id: the page starts with the next older event. */
  startingAfter?: string;
  limit: number;
}

export interface EventPage {
  data: StoredEvent[];
  hasMore: boolean;
}

/**
 * The partner-visible event log: every event a partner is sent, with its delivery attempts, for
 * EVENT_RETENTION_MS. A memory implementation for one instance and a PostgreSQL one for several share
 * one contract suite (test/support/event-log-contract.ts). Order is the order of appending, newest first.
 */
export interface EventLog {
  /** An id already kept is left as it is (its deliveries too): a retried append changes nothing. */
  append(partnerId: string, event: WebhookEvent): Promise<void>;
  /** Adds an attempt to the event's deliveries; an event no longer kept is ignored. */
  recordDelivery(eventId: string, attempt: DeliveryAttempt): Promise<void>;
  /** The partner's event, or undefined (missing, expired, or another partner's). */
  get(partnerId: string, eventId: string): Promise<StoredEvent | undefined>;
  /** Newest first; undefined when `startingAfter` names no event of this partner. */
  list(partnerId: string, query: EventQuery): Promise<EventPage | undefined>;
  /** Whether the backing service answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
