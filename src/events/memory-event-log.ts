import type { WebhookEvent } from '../partners/webhook-event.js';
import { EVENT_RETENTION_MS, type DeliveryAttempt, type EventLog, type EventPage, type EventQuery, type StoredEvent } from './event-log.js';

interface Row {
  partnerId: string;
  createdAt: number;
  json: string;
}

/** Enough for a month of a busy single instance; past either bound the oldest events go first. */
const DEFAULT_MAX_EVENTS = 100_000;
/** Events carry the partner's metadata (up to ~50 KB each), so the count alone would not bound the heap. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The event log of one instance (no DATABASE_URL): in memory, lost on restart, bounded by the retention
 * and a count. Rows are kept as JSON and parsed on the way out, so no caller shares objects with the log,
 * as with a database.
 */
export class MemoryEventLog implements EventLog {
  /** Map order is append order: the newest event is last. */
  readonly #rows = new Map<string, Row>();
  /** UTF-16 length of every row's JSON: a close, cheap measure of the heap they take. */
  #size = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  async append(partnerId: string, event: WebhookEvent): Promise<void> {
    if (this.#rows.has(event.id)) return;
    const stored: StoredEvent = { ...event, deliveries: [] };
    this.#write(event.id, { partnerId, createdAt: this.now(), json: JSON.stringify(stored) });
    this.#prune();
  }

  async recordDelivery(eventId: string, attempt: DeliveryAttempt): Promise<void> {
    const row = this.#rows.get(eventId);
    if (!row) return;
    const event = JSON.parse(row.json) as StoredEvent;
    event.deliveries.push(attempt);
    this.#size -= row.json.length;
    row.json = JSON.stringify(event);
    this.#size += row.json.length;
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
    this.#size = 0;
  }

  #fresh(row: Row): boolean {
    return row.createdAt > this.now() - EVENT_RETENTION_MS;
  }

  #live(eventId: string): Row | undefined {
    const row = this.#rows.get(eventId);
    return row && this.#fresh(row) ? row : undefined;
  }

  #write(id: string, row: Row): void {
    this.#drop(id);
    this.#rows.set(id, row);
    this.#size += row.json.length;
  }

  #drop(id: string): void {
    const row = this.#rows.get(id);
    if (!row) return;
    this.#rows.delete(id);
    this.#size -= row.json.length;
  }

  /** Oldest first: drop what is past the retention, then what is over either bound (the newest event always stays). */
  #prune(): void {
    for (const [id, row] of this.#rows) {
      const over = this.#rows.size > this.maxEvents || this.#size > this.maxBytes;
      if (this.#rows.size === 1 || (this.#fresh(row) && !over)) return;
      this.#drop(id);
    }
  }
}
