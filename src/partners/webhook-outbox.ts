import { randomUUID } from 'node:crypto';
import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import { FLOW_START_TTL_MS } from '../flows/flow-record.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import type { ConnectSession, ConnectSessions } from './connect-session.js';
import type { Partner } from '../config/partner.js';
import { registerWebhookDelivery, type WebhookJob } from './webhook-delivery.js';
import { webhookEvent, type WebhookEventType } from './webhook-event.js';

const EXPIRY_JOB = 'connect-session-expiry';
const EXPIRY_MARGIN_MS = 250;

export interface WebhookOutboxDeps {
  jobs: JobQueue;
  sessions: ConnectSessions;
  partners: readonly Partner[];
  logger: Logger;
  timeoutMs: number;
  now: () => number;
  /** Delay before each delivery attempt (tests inject a short one). */
  schedule?: readonly number[];
  onDelivery?: (outcome: 'delivered' | 'retried' | 'failed') => void;
}

/**
 * Turns flow outcomes into partner-visible facts: the connect session's status (the partner backend's
 * truth, read with GET /api/v1/connect-sessions/{id}) and a signed webhook, queued on the job seam.
 * Flows not started from a connect session are ignored.
 */
export class WebhookOutbox implements FlowEventSink {
  readonly #deps: WebhookOutboxDeps;
  readonly #send: (job: WebhookJob) => Promise<void>;

  constructor(deps: WebhookOutboxDeps) {
    this.#deps = deps;
    this.#send = registerWebhookDelivery(deps);
    deps.jobs.handle<{ sessionId: string; final: boolean }>(EXPIRY_JOB, async (job) => this.#expire(job));
  }

  async emit(event: FlowEvent): Promise<void> {
    if (event.origin?.kind !== 'connect-session') return;
    const failed = event.type === 'connection.failed';
    const session = await this.#deps.sessions.update(event.origin.sessionId, {
      status: failed ? 'failed' : 'completed',
      reconnected: event.type === 'connection.updated',
      ...(event.connectionId ? { connectionId: event.connectionId } : {}),
      ...(event.hubId !== undefined ? { hubId: event.hubId } : {}),
      ...(event.hubDomain ? { hubDomain: event.hubDomain } : {}),
      ...(event.errorCode ? { errorCode: event.errorCode } : {}),
    });
    if (session) await this.#notify(event.type, session);
  }

  /** Schedules the session's `session.expired` check for the moment it expires. */
  scheduleExpiry(session: ConnectSession): Promise<void> {
    // A timer may fire a little before the wall clock reaches the expiry (timers run on a monotonic clock,
    // https://nodejs.org/api/timers.html#settimeoutcallback-delay-args); the margin keeps the check after it.
    const delayMs = Math.max(0, session.expiresAt - this.#deps.now()) + EXPIRY_MARGIN_MS;
    return this.#deps.jobs.enqueue(EXPIRY_JOB, { sessionId: session.id, final: false }, { jobId: `expire:${session.id}`, delayMs });
  }

  /**
   * A session nobody used expires at its expiry. One started but abandoned at HubSpot (its flow never
   * came back) is checked once more after a flow's own lifetime, then expires too, so the partner
   * never waits on a `pending` that cannot end.
   */
  async #expire({ sessionId, final }: { sessionId: string; final: boolean }): Promise<void> {
    const session = await this.#deps.sessions.get(sessionId);
    if (session?.status === 'started' && !final) {
      const recheck = { jobId: `expire:${sessionId}:final`, delayMs: FLOW_START_TTL_MS + 60_000 };
      return this.#deps.jobs.enqueue(EXPIRY_JOB, { sessionId, final: true }, recheck);
    }
    if (session?.status !== 'expired' && session?.status !== 'started') return;
    const expired = (await this.#deps.sessions.update(sessionId, { status: 'expired' })) ?? session;
    await this.#notify('session.expired', expired);
  }

  async #notify(type: WebhookEventType, session: ConnectSession): Promise<void> {
    const partner = this.#deps.partners.find((p) => p.id === session.partnerId);
    if (!partner?.webhook) return;
    await this.#send({ partnerId: partner.id, event: webhookEvent(`evt_${randomUUID()}`, type, this.#deps.now(), session), attempt: 1 });
  }
}
