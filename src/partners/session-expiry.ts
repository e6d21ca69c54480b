import { FLOW_START_TTL_MS } from '../flows/flow-record.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { ConnectSession, ConnectSessions } from './connect-session.js';

const EXPIRY_JOB = 'connect-session-expiry';
const EXPIRY_MARGIN_MS = 250;

export interface SessionExpiryDeps {
  jobs: JobQueue;
  sessions: ConnectSessions;
  now: () => number;
  /** Tells the partner (`session.expired`), once the session is saved as expired. */
  announce: (session: ConnectSession) => Promise<void>;
}

/**
 * A connect session ends even if nobody finishes it, so that its partner never waits on a `pending` that cannot end:
 * one job per session, queued on the job seam when the session is created and run when it expires.
 */
export class SessionExpiry {
  readonly #deps: SessionExpiryDeps;
  readonly jobs: JobTable;

  constructor(deps: SessionExpiryDeps) {
    this.#deps = deps;
    this.jobs = { [EXPIRY_JOB]: (job: { sessionId: string; final: boolean }) => this.#expire(job) };
  }

  /** Schedules the session's check for the moment it expires. */
  schedule(session: ConnectSession): Promise<void> {
    // A timer may fire a little before the wall clock reaches the expiry (timers run on a monotonic clock,
    // https://nodejs.org/api/timers.html#settimeoutcallback-delay-args); the margin keeps the check after it.
    const delayMs = Math.max(0, session.expiresAt - this.#deps.now()) + EXPIRY_MARGIN_MS;
    return this.#deps.jobs.enqueue(EXPIRY_JOB, { sessionId: session.id, final: false }, { jobId: `expire:${session.id}`, delayMs });
  }

  /**
   * A session nobody used expires at its expiry. One started but abandoned at HubSpot (its flow never
   * came back) is checked once more after a flow's own lifetime, then expires too.
   */
  async #expire({ sessionId, final }: { sessionId: string; final: boolean }): Promise<void> {
    const session = await this.#deps.sessions.get(sessionId);
    if (session?.status === 'started' && !final) {
      const recheck = { jobId: `expire:${sessionId}:final`, delayMs: FLOW_START_TTL_MS + 60_000 };
      return this.#deps.jobs.enqueue(EXPIRY_JOB, { sessionId, final: true }, recheck);
    }
    if (session?.status !== 'expired' && session?.status !== 'started') return;
    const expired = (await this.#deps.sessions.update(sessionId, { status: 'expired' })) ?? session;
    await this.#deps.announce(expired);
  }
}
