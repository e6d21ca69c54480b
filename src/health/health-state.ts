import type { KeyValueStore } from '../store/key-value-store.js';
import type { HealthSignals, UnhealthyReason } from './classify.js';

/** What the watch remembers of one connection between checks (the registry keeps only status and last error). */
export interface ConnectionHealth extends HealthSignals {
  testedAt?: number;
  introspectedAt?: number;
  /** The last run seen in the flow's `lastRunDetails`; a new id is a new run. */
  lastRunId?: string;
  lastRunErrors?: string[];
}

/** The reconnect link an incident offers. */
export interface ReconnectLink {
  session_id: string;
  url: string;
  expires_at: string;
}

/** One open incident: at most one per connection, from `connection.unhealthy` to `connection.recovered`. */
export interface Incident {
  id: string;
  status: 'needs_reauth' | 'error';
  reason: UnhealthyReason;
  detectedAt: number;
  reconnect?: ReconnectLink;
}

/** Entries outlive any plausible gap between checks; a connection nobody checks for 90 days is forgotten. */
const KEEP_MS = 90 * 24 * 60 * 60 * 1000;
const stateKey = (id: string) => `health:${id}`;
const incidentKey = (id: string) => `health-incident:${id}`;
const checkKey = (id: string) => `health-check:${id}`;
const pauseKey = (org: string) => `health-pause:${org}`;

/**
 * The watch's memory in the KeyValueStore, so every instance sees the same. Opening and closing an incident are atomic
 * (setIfAbsent, deleteIfEquals): whichever instance or check sees a change first sends the one event, the others none.
 */
export class HealthState {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
  ) {}

  async get(id: string): Promise<ConnectionHealth> {
    return (await this.store.get<ConnectionHealth>(stateKey(id))) ?? {};
  }

  save(id: string, health: ConnectionHealth): Promise<void> {
    return this.store.set(stateKey(id), health, KEEP_MS);
  }

  incident(id: string): Promise<Incident | undefined> {
    return this.store.get<Incident>(incidentKey(id));
  }

  /** True for the one caller that opened it; false when an incident is already open. */
  openIncident(connectionId: string, incident: Incident): Promise<boolean> {
    return this.store.setIfAbsent(incidentKey(connectionId), incident, KEEP_MS);
  }

  /** Updates an open incident's status and reason (an incident that changes cause is still one incident). */
  updateIncident(connectionId: string, incident: Incident): Promise<void> {
    return this.store.set(incidentKey(connectionId), incident, KEEP_MS);
  }

  /** The incident, for the one caller that closed it; undefined when none was open or another caller closed it. */
  async closeIncident(connectionId: string): Promise<Incident | undefined> {
    const open = await this.incident(connectionId);
    if (!open) return undefined;
    return (await this.store.deleteIfEquals(incidentKey(connectionId), open)) ? open : undefined;
  }

  /** Forgets a connection's signals and open incident (it was deleted); no event is sent for the incident. */
  async forget(id: string): Promise<void> {
    await Promise.all([this.store.delete(stateKey(id)), this.store.delete(incidentKey(id))]);
  }

  /**
   * Check-now's limit: one check per connection per `windowMs`, counted from the last check's start. Returns the
   * seconds to wait when a check started within the window.
   */
  async claimCheck(connectionId: string, windowMs: number): Promise<{ ok: true } | { ok: false; retryAfterS: number }> {
    const startedAt = this.now();
    if (await this.store.setIfAbsent(checkKey(connectionId), startedAt, windowMs)) return { ok: true };
    const previous = (await this.store.get<number>(checkKey(connectionId))) ?? startedAt;
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((previous + windowMs - startedAt) / 1000)) };
  }

  /** Until when the org asked us (Retry-After) to stay away, if it did. */
  async pausedUntil(org: string): Promise<number | undefined> {
    const until = await this.store.get<number>(pauseKey(org));
    return until !== undefined && until > this.now() ? until : undefined;
  }

  pause(org: string, untilMs: number): Promise<void> {
    return this.store.set(pauseKey(org), untilMs, Math.max(1_000, untilMs - this.now()));
  }
}
