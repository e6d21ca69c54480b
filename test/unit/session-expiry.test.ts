import { describe, expect, it } from 'vitest';
import { FLOW_START_TTL_MS } from '../../src/flows/flow-record.js';
import type { JobOptions, JobQueue } from '../../src/jobs/job-queue.js';
import { ConnectSessions, type ConnectSession } from '../../src/partners/connect-session.js';
import { SessionExpiry } from '../../src/partners/session-expiry.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const TTL = 30 * 60 * 1000;

/** What the expiry asks of the job seam, recorded; the test runs each job itself, at the time it was due. */
function setUp() {
  let now = T0;
  const queued: { name: string; data: unknown; options?: JobOptions }[] = [];
  const jobs = {
    enqueue: async (name: string, data: unknown, options?: JobOptions) => void queued.push({ name, data, ...(options ? { options } : {}) }),
  } as unknown as JobQueue;
  const sessions = new ConnectSessions(new MemoryStore({ now: () => now }), () => now, TTL);
  const announced: ConnectSession[] = [];
  const expiry = new SessionExpiry({ jobs, sessions, now: () => now, announce: async (s) => void announced.push(s) });
  const runNext = async () => {
    const job = queued.shift()!;
    now += job.options?.delayMs ?? 0;
    await expiry.jobs[job.name]!(job.data as never, { id: 'job-1', attempt: 1, maxAttempts: 1 });
  };
  return { sessions, expiry, queued, announced, runNext };
}

describe('a connect session nobody finishes', () => {
  it('When nobody used it, then it is saved as expired just after its expiry and its partner is told once', async () => {
    const t = setUp();
    const { session } = await t.sessions.create({ partnerId: 'p1', sandbox: 'prod' });
    await t.expiry.schedule(session);
    expect(t.queued).toEqual([
      {
        name: 'connect-session-expiry',
        data: { sessionId: session.id, final: false },
        options: { jobId: `expire:${session.id}`, delayMs: TTL + 250 },
      },
    ]);
    await t.runNext();
    expect((await t.sessions.get(session.id))?.status).toBe('expired');
    expect(t.announced.map((s) => [s.id, s.status])).toEqual([[session.id, 'expired']]);
    expect(t.queued).toEqual([]);
  });

  it('When its flow was started but never came back from HubSpot, then it is checked again after a flow lifetime and expires then', async () => {
    const t = setUp();
    const { session } = await t.sessions.create({ partnerId: 'p1', sandbox: 'prod' });
    await t.sessions.update(session.id, { status: 'started', flowId: 'f1' });
    await t.expiry.schedule(session);
    await t.runNext();
    expect(t.announced).toEqual([]);
    expect(t.queued).toEqual([
      {
        name: 'connect-session-expiry',
        data: { sessionId: session.id, final: true },
        options: { jobId: `expire:${session.id}:final`, delayMs: FLOW_START_TTL_MS + 60_000 },
      },
    ]);
    await t.runNext();
    expect((await t.sessions.get(session.id))?.status).toBe('expired');
    expect(t.announced.map((s) => s.status)).toEqual(['expired']);
  });

  it('When its flow finished first, then nothing changes and no one is told', async () => {
    const t = setUp();
    const { session } = await t.sessions.create({ partnerId: 'p1', sandbox: 'prod' });
    await t.sessions.update(session.id, { status: 'started', flowId: 'f1' });
    await t.expiry.schedule(session);
    await t.sessions.update(session.id, { status: 'completed', connectionId: 'c1' });
    await t.runNext();
    expect((await t.sessions.get(session.id))?.status).toBe('completed');
    expect(t.announced).toEqual([]);
    expect(t.queued).toEqual([]);
  });
});
