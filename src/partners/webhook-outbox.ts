import { randomUUID } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { EventLog } from '../events/event-log.js';
import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { Logger } from '../logging/logger.js';
import type { ConnectSession, ConnectSessions } from './connect-session.js';
import type { Partner } from '../config/partner.js';
import { EventLogRetry } from './event-log-retry.js';
import { SessionExpiry } from './session-expiry.js';
import type { RetryOutcome, RetrySchedule } from './database-retry.js';
import { webhookDelivery, type WebhookSender } from './webhook-delivery.js';
import {
  connectionDeletedEvent,
  dataflowWebhookEvent,
  webhookEvent,
  type HealthEventData,
  type HealthEventType,
  type SessionEventType,
  type WebhookEvent,
} from './webhook-event.js';
import type { ConnectionRow } from '../registry/connection-registry.js';

export interface WebhookOutboxDeps {
  jobs: JobQueue;
  sessions: ConnectSessions;
  partners: readonly Partner[];
  /** Every event sent to a partner, kept 30 days for GET /api/v1/events and redelivery. */
  eventLog: EventLog;
  logger: Logger;
  timeoutMs: number;
  now: () => number;
  /** Delay before each delivery attempt (tests inject a short one). */
  schedule?: readonly number[];
  onDelivery?: (outcome: 'delivered' | 'retried' | 'failed') => void;
  /** Attempts and backoff of an event the event log refused, logged again in the background (tests give a short one). */
  eventLogRetry?: RetrySchedule;
  onEventLogRetry?: (outcome: RetryOutcome) => void;
}

/**
 * Turns flow outcomes into partner-visible facts: the connect session's status (the partner backend's
 * truth, read with GET /api/v1/connect-sessions/{id}) and a signed webhook, queued on the job seam.
 * Flows not started from a connect session are ignored.
 */
export class WebhookOutbox implements FlowEventSink {
  readonly #deps: WebhookOutboxDeps;
  readonly #sender: WebhookSender;
  readonly #retry: EventLogRetry;
  readonly #expiry: SessionExpiry;
  /** Delivery attempts, event log retries and session expiry checks, registered by the app with the other parts' jobs. */
  readonly jobs: JobTable;

  constructor(deps: WebhookOutboxDeps) {
    this.#deps = deps;
    const delivery = webhookDelivery(deps);
    this.#sender = delivery.sender;
    this.#retry = new EventLogRetry({
      eventLog: deps.eventLog,
      jobs: deps.jobs,
      logger: deps.logger,
      send: (partnerId, event) => this.#send(partnerId, event),
      ...(deps.eventLogRetry ? { schedule: deps.eventLogRetry } : {}),
      ...(deps.onEventLogRetry ? { onRetry: deps.onEventLogRetry } : {}),
    });
    this.#expiry = new SessionExpiry({ ...deps, announce: (session) => this.#notify('session.expired', session) });
    this.jobs = { ...delivery.jobs, ...this.#retry.jobs, ...this.#expiry.jobs };
  }

  /** Before the flow is saved as finished: the session's status, which the popup's last page and the SDK read. */
  async settle(event: FlowEvent): Promise<void> {
    if (event.origin?.kind !== 'connect-session' || event.type.startsWith('dataflow.')) return;
    const failed = event.type === 'connection.failed';
    await this.#deps.sessions.update(event.origin.sessionId, {
      status: failed ? 'failed' : 'completed',
      reconnected: event.type === 'connection.updated',
      ...(event.connectionId ? { connectionId: event.connectionId } : {}),
      ...(event.hubId !== undefined ? { hubId: event.hubId } : {}),
      ...(event.hubDomain ? { hubDomain: event.hubDomain } : {}),
      ...(event.errorCode ? { errorCode: event.errorCode } : {}),
      ...(event.dataflow ? { dataflow: event.dataflow } : {}),
    });
  }

  /**
   * After the flow is saved as finished: the signed webhook, built from the session as settled. A dataflow's
   * events (told only here: the flow was announced already) update the session and are sent as they come.
   */
  async emit(event: FlowEvent): Promise<void> {
    if (event.origin?.kind !== 'connect-session') return;
    if (event.type.startsWith('dataflow.')) return this.#dataflowChanged(event, event.origin.sessionId);
    const session = await this.#deps.sessions.get(event.origin.sessionId);
    if (session) await this.#notify(event.type as SessionEventType, session, event.reason);
  }

  /** The session keeps the dataflow's latest state; its creation and failure are also signed webhooks. */
  async #dataflowChanged(event: FlowEvent, sessionId: string): Promise<void> {
    const session = await this.#deps.sessions.update(sessionId, { ...(event.dataflow ? { dataflow: event.dataflow } : {}) });
    const type = event.type;
    if (!session || (type !== 'dataflow.created' && type !== 'dataflow.failed')) return;
    await this.#publish(session.partnerId, dataflowWebhookEvent(`evt_${randomUUID()}`, type, this.#deps.now(), session));
  }

  /** Tells the partner that owns `row` that its connection was deleted (none for the home page's rows). */
  async connectionDeleted(row: ConnectionRow): Promise<void> {
    if (row.partnerId === undefined) return;
    await this.#publish(row.partnerId, connectionDeletedEvent(`evt_${randomUUID()}`, this.#deps.now(), row));
  }

  /** Schedules the session's `session.expired` check for the moment it expires (session-expiry.ts). */
  scheduleExpiry(session: ConnectSession): Promise<void> {
    return this.#expiry.schedule(session);
  }

  /** Queues one more delivery of a kept event of `partnerId`'s (404 for any other, as if it did not exist). */
  async redeliver(partnerId: string, eventId: string): Promise<void> {
    const event = await this.#deps.eventLog.get(partnerId, eventId);
    if (!event) throw new AppError('NOT_FOUND', 'no such event');
    if (!this.#deps.partners.find((p) => p.id === partnerId)?.webhook)
      throw new AppError('WEBHOOK_NOT_CONFIGURED', 'no webhook to redeliver to');
    const { deliveries: _attempts, ...body } = event;
    await this.#sender.redeliver(partnerId, body);
  }

  /**
   * Publishes a health event of the partner's (kept for GET /api/v1/events, sent to its webhook if it has one);
   * true when a webhook will carry it.
   */
  async sendHealthEvent(partnerId: string, type: HealthEventType, data: HealthEventData): Promise<boolean> {
    const partner = this.#deps.partners.find((p) => p.id === partnerId);
    if (!partner) return false;
    await this.#publish(partnerId, { id: `evt_${randomUUID()}`, type, created_at: new Date(this.#deps.now()).toISOString(), data });
    return partner.webhook !== undefined;
  }

  async #notify(type: SessionEventType, session: ConnectSession, reason?: 'reauthorized'): Promise<void> {
    await this.#publish(session.partnerId, webhookEvent(`evt_${randomUUID()}`, type, this.#deps.now(), session, reason));
  }

  /**
   * Every event is kept (a partner without a webhook may read them with GET /api/v1/events), then sent if it has one.
   * Logged first, always: a partner answering a webhook with GET /api/v1/events or a redelivery finds the event, and
   * its deliveries are recorded on it. So when the log refuses the event (its database briefly down) the webhook
   * waits too: both are queued as one job that logs the same event (same id) and then queues its delivery
   * (event-log-retry.ts). Only an event that could not even be queued is thrown (a flow's log then says
   * `flow event not delivered`).
   */
  async #publish(partnerId: string, event: WebhookEvent): Promise<void> {
    try {
      await this.#deps.eventLog.append(partnerId, event);
    } catch (err) {
      const queued = await this.#retry.queue(partnerId, event, err).then(
        () => true,
        () => false,
      );
      if (queued) return;
      throw err;
    }
    await this.#send(partnerId, event);
  }

  async #send(partnerId: string, event: WebhookEvent): Promise<void> {
    if (this.#deps.partners.find((p) => p.id === partnerId)?.webhook) await this.#sender.send(partnerId, event);
  }
}
