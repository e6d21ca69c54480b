import type pg from 'pg';
import type { WebhookEvent } from '../partners/webhook-event.js';
import { EVENT_RETENTION_MS, type DeliveryAttempt, type EventLog, type EventPage, type EventQuery, type StoredEvent } from './event-log.js';

/** Expired events are deleted at most this often, by whichever instance appends next. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

interface EventRow {
  event: WebhookEvent;
  deliveries: StoredEvent['deliveries'];
}

/**
 * The event log shared by every instance, in the `webhook_events` table (migration 100-webhook-events.sql).
 * Each method waits for `ready` (the migrations) first; every call is one statement on the shared pool.
 * Retention is checked on every read (an expired event is never shown) and enforced by an hourly DELETE.
 */
export class PostgresEventLog implements EventLog {
  #lastPurge = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: () => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  async append(partnerId: string, event: WebhookEvent): Promise<void> {
    await this.ready();
    await this.pool.query(
      'INSERT INTO webhook_events (id, partner_id, type, appended_at, event) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [event.id, partnerId, event.type, new Date(this.now()), JSON.stringify(event)],
    );
    if (this.now() - this.#lastPurge >= PURGE_EVERY_MS) {
      this.#lastPurge = this.now();
      await this.pool.query('DELETE FROM webhook_events WHERE appended_at <= $1', [this.#cutoff()]);
    }
  }

  async recordDelivery(eventId: string, attempt: DeliveryAttempt): Promise<void> {
    await this.ready();
    // One statement: concurrent attempts of one event (a redelivery beside a retry) both land.
    await this.pool.query('UPDATE webhook_events SET deliveries = deliveries || $2::jsonb WHERE id = $1', [
      eventId,
      JSON.stringify([attempt]),
    ]);
  }

  async get(partnerId: string, eventId: string): Promise<StoredEvent | undefined> {
    await this.ready();
    const { rows } = await this.pool.query<EventRow>(
      'SELECT event, deliveries FROM webhook_events WHERE id = $1 AND partner_id = $2 AND appended_at > $3',
      [eventId, partnerId, this.#cutoff()],
    );
    return rows[0] ? stored(rows[0]) : undefined;
  }

  async list(partnerId: string, query: EventQuery): Promise<EventPage | undefined> {
    await this.ready();
    let before: string | null = null;
    if (query.startingAfter !== undefined) {
      const cursor = await this.pool.query<{ seq: string }>(
        'SELECT seq FROM webhook_events WHERE id = $1 AND partner_id = $2 AND appended_at > $3',
        [query.startingAfter, partnerId, this.#cutoff()],
      );
      if (!cursor.rows[0]) return undefined;
      before = cursor.rows[0].seq;
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT event, deliveries FROM webhook_events
        WHERE partner_id = $1 AND appended_at > $2 AND ($3::text IS NULL OR type = $3) AND ($4::bigint IS NULL OR seq < $4)
        ORDER BY seq DESC LIMIT $5`,
      [partnerId, this.#cutoff(), query.type ?? null, before, query.limit + 1],
    );
    return { data: rows.slice(0, query.limit).map(stored), hasMore: rows.length > query.limit };
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** The pool belongs to the registry, which ends it. */
  async close(): Promise<void> {}

  #cutoff(): Date {
    return new Date(this.now() - EVENT_RETENTION_MS);
  }
}

const stored = (row: EventRow): StoredEvent => ({ ...row.event, deliveries: row.deliveries });
