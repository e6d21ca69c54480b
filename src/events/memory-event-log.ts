import type { WebhookEvent } from '../partners/webhook-event.js';
import { EVENT_RETENTION_MS, type DeliveryAttempt, type EventLog, type EventPage, type EventQuery, type StoredEvent } from './event-log.js';

interface Row {
  partnerId: string;
  createdAt: number;
  json: string;
}

/** Enough for a month of a busy single instance; past it the oldest events go first. */
const DEFAULT_MAX_EVENTS = 100_000;

/**
 * The event log of one instance (no DATABASE_URL): in memory, lost on restart, bounded by the retention
 * and a count. Rows are kept as JSON and parsed on the way out, so no caller shares objects with the log,
 * as with a database.
 */
export class MemoryEventLog implements EventLog {
  /** Map order is append order: the newest event is last. */
  readonly #rows = new Map<string, Row>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
  ) {}

  async append(partnerId: string, event: WebhookEvent): Promise<void> {
    this.#prune();
    if (this.#rows.size >= this.maxEvents) this.#rows.delete(this.#rows.keys().next().value!);
    const stored: StoredEvent = { ...event, deliveries: [] };
    this.#rows.set(event.id, { partnerId, createdAt: this.now(), json: JSON.stringify(stored) });
  }

  async recordDelivery(eventId: string, attempt: DeliveryAttempt): Promise<void> {
    const row = this.#rows.get(eventId);
    if (!row) return;
    const event = JSON.parse(row.json) as StoredEvent;
    event.deliveries.push(attempt);
    row.json = JSON.stringify(event);
  }

  async get(partnerId: string, eventId: string): Promise<StoredEvent | undefined> {
    const row = this.#live(eventId);
    return row?.partnerId === partnerId ? (JSON.parse(row.json) as StoredEvent) : undefined;
  }

  async list(partnerId: string, query: EventQuery): Promise<EventPage | undefined> {
    if (query.startingAfter !== undefined && !(await this.get(partnerId, query.startingAfter))) return undefined;
    const data: StoredEvent[] = [];
    let passedCursor = query.startingAfter === undefined;
    const newestFirst = [...this.#rows.entries()].reverse();
    for (const [id, row] of newestFirst) {
      if (!passedCursor) {
        passedCursor = id === query.startingAfter;
        continue;
      }
      if (row.partnerId !== partnerId || !this.#fresh(row)) continue;
      const event = JSON.parse(row.json) as StoredEvent;
      if (query.type !== undefined && event.type !== query.type) continue;
      if (data.length === query.limit) return { data, hasMore: true };
      data.push(event);
    }
    return { data, hasMore: false };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.#rows.clear();
  }

  #fresh(row: Row): boolean {
    return row.createdAt > this.now() - EVENT_RETENTION_MS;
  }

  #live(eventId: string): Row | undefined {
    const row = this.#rows.get(eventId);
    return row && this.#fresh(row) ? row : undefined;
  }

  /** Oldest first: stop at the first event still within the retention. */
  #prune(): void {
    for (const [id, row] of this.#rows) {
      if (this.#fresh(row)) return;
      this.#rows.delete(id);
    }
  }
}
