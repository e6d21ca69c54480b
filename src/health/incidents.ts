import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { HealthEventData, HealthEventType } from '../partners/webhook-event.js';
import type { UnhealthyReason, Verdict } from './classify.js';
import type { HealthState, Incident } from './health-state.js';
import type { ReconnectOffers } from './reconnect-offers.js';
import type { HealthPatch, WatchedConnection, WatchedRegistry } from './watched-connection.js';

/** Sends a health event to the partner's webhook; false when the partner has none. */
export type SendHealthEvent = (partnerId: string, type: HealthEventType, data: HealthEventData) => Promise<boolean>;

export interface IncidentsDeps {
  registry: WatchedRegistry;
  state: HealthState;
  offers: ReconnectOffers;
  send: SendHealthEvent;
  logger: Logger;
  now: () => number;
}

/**
 * Turns a verdict into the registry's status and at most one event per incident: `connection.unhealthy` from the
 * one caller that opens the incident, `connection.recovered` from the one that closes it. A connection that changes
 * cause while unhealthy (failing runs, then a refused test) stays one incident. Connections made on the home page
 * have nobody to tell by webhook: their incidents are logged at warn, with the home page as the way back.
 */
export class Incidents {
  constructor(private readonly deps: IncidentsDeps) {}

  /**
   * Records the verdict; `why` is the last error when Adobe or HubSpot could not answer. A check that read the row
   * before a DELETE finished finds it deleted here (the registry refuses the write): it then tells nobody, and drops
   * the memory it just saved, which the deletion may already have cleared.
   */
  async apply(connection: WatchedConnection, verdict: Verdict, why?: string): Promise<void> {
    const at = this.deps.now();
    const patch = { ...statusPatch(verdict, why), lastCheckedAt: at, at };
    if (!(await this.deps.registry.update(connection.id, patch))) return this.deps.state.forget(connection.id);
    if (verdict.status === 'active') return this.recovered(connection);
    if (verdict.status !== 'unknown') await this.#unhealthy(connection, verdict.status, verdict.reason);
  }

  /** Closes the connection's open incident, if any, and says so once (also on a successful reconnect). */
  async recovered(connection: WatchedConnection): Promise<void> {
    const closed = await this.deps.state.closeIncident(connection.id);
    if (!closed) return;
    const data = { ...this.#eventData(connection, closed), status: 'active' as const, recovered_at: iso(this.deps.now()) };
    delete data.reconnect;
    await this.#tell(connection, 'connection.recovered', data);
  }

  async #unhealthy(connection: WatchedConnection, status: Incident['status'], reason: UnhealthyReason): Promise<void> {
    const open = await this.deps.state.incident(connection.id);
    if (open) {
      if (open.status !== status || open.reason !== reason)
        await this.deps.state.updateIncident(connection.id, { ...open, status, reason });
      return;
    }
    const incident: Incident = { id: randomUUID(), status, reason, detectedAt: this.deps.now() };
    if (!(await this.deps.state.openIncident(connection.id, incident))) return;
    const withLink: Incident = { ...incident, reconnect: await this.deps.offers.offer(connection, incident.id) };
    await this.deps.state.updateIncident(connection.id, withLink);
    await this.#tell(connection, 'connection.unhealthy', this.#eventData(connection, withLink));
  }

  /** The end user and metadata come from the registry row, as in every other webhook's data. */
  #eventData(connection: WatchedConnection, incident: Incident): HealthEventData {
    return {
      connection_id: connection.id,
      hub_id: connection.hubId,
      ...(connection.partnerUserId !== undefined ? { partner_user_id: connection.partnerUserId } : {}),
      ...(connection.metadata ? { metadata: connection.metadata } : {}),
      status: incident.status,
      reason: incident.reason,
      detected_at: iso(incident.detectedAt),
      ...(incident.reconnect ? { reconnect: incident.reconnect } : {}),
    };
  }

  async #tell(connection: WatchedConnection, type: HealthEventType, data: HealthEventData): Promise<void> {
    if (connection.partnerId !== undefined && (await this.deps.send(connection.partnerId, type, data))) return;
    const log = { event: type, connectionId: connection.id, hubId: connection.hubId, reason: data.reason };
    if (type === 'connection.unhealthy') {
      this.deps.logger.warn(
        { ...log, status: data.status, ...reconnectForLog(connection, data) },
        'connection unhealthy: reconnect HubSpot',
      );
    } else {
      this.deps.logger.info(log, 'connection recovered');
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The status a verdict writes. When a probe went unanswered, last_error says so; the reason stays with the incident. */
function statusPatch(verdict: Verdict, why?: string): Pick<HealthPatch, 'status' | 'lastError'> {
  if (verdict.status === 'unknown') return { lastError: why ?? 'HEALTH_UNKNOWN' };
  if (verdict.status === 'active') return { status: 'active', lastError: why ?? null };
  return { status: verdict.status, lastError: why ?? verdict.reason };
}

/**
 * What a log line may say of the way back. A partner's reconnect URL holds a live connect-session token, which
 * would let anyone reading the logs re-authorize the connection: only its session id is logged. The home page link
 * carries no token, and is what an operator without partners needs.
 */
function reconnectForLog(connection: WatchedConnection, data: HealthEventData) {
  if (!data.reconnect) return {};
  return connection.partnerId === undefined ? { reconnectUrl: data.reconnect.url } : { reconnectSessionId: data.reconnect.session_id };
}
