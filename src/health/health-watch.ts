import type { AdobeResolver } from '../adobe/adobe-directory.js';
import { FLOWS_PER_LIST, type LastRun } from '../adobe/flow-health-client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { JobTable } from '../jobs/job-table.js';
import type { HealthChecker } from './health-checker.js';
import type { ConnectionHealth, HealthState } from './health-state.js';
import type { OrgGate } from './org-gate.js';
import { allWatched, type WatchedConnection, type WatchedRegistry } from './watched-connection.js';

const HOUR_MS = 60 * 60 * 1000;
/** Cadence of the connection test and of introspection (docs/reference/adobe-dataflow.md §5). */
export const TEST_EVERY_MS = 6 * HOUR_MS;
export const INTROSPECT_EVERY_MS = 24 * HOUR_MS;
/** Each org's check starts within +10 % of the interval after the tick, so checks of one org are 90–110 % apart. */
const JITTER = 0.1;
/** Connections checked at once within one org's job (their calls still pass the org's gate of four). */
const CHECKS_AT_ONCE = 8;

const TICK_JOB = 'health-tick';
const ORG_JOB = 'health-org';
const SCHEDULE_ID = 'health-watch';

export interface HealthWatchDeps {
  registry: WatchedRegistry;
  checker: HealthChecker;
  state: HealthState;
  adobe: AdobeResolver;
  gate: OrgGate;
  jobs: JobQueue;
  intervalMs: number;
  /** Whether refresh tokens are retained, so introspection is part of the cadence. */
  introspect: boolean;
  now: () => number;
  /** A number in [0, 1) for the jitter (tests pin it). */
  random?: () => number;
}

/**
 * The watch: one repeated job (the tick) per interval for the whole deployment, however many instances run. The tick
 * queues one job per Adobe org, jittered; each org's job reads its flows' last runs with one batched call per sandbox
 * and tests the share of its connections whose six hours are up (introspects those whose day is up), oldest first, so
 * a thousand connections made in one hour spread their tests over the six hours instead of bursting every sixth.
 */
export class HealthWatch {
  /** The tick and the per-org check, registered by the app with the other parts' jobs. */
  readonly jobs: JobTable = {
    [TICK_JOB]: () => this.tick(),
    [ORG_JOB]: ({ org }: { org: string }) => this.checkOrg(org),
  };

  constructor(private readonly deps: HealthWatchDeps) {}

  start(): Promise<void> {
    return this.deps.jobs.repeat(SCHEDULE_ID, TICK_JOB, {}, { everyMs: this.deps.intervalMs });
  }

  /** Removes the schedule, so a deployment that turned HEALTH_WATCH off stops every instance's ticks. */
  stop(): Promise<void> {
    return this.deps.jobs.stopRepeating(SCHEDULE_ID);
  }

  async tick(): Promise<void> {
    const orgs = new Set((await allWatched(this.deps.registry)).map((c) => c.org));
    const slot = Math.floor(this.deps.now() / this.deps.intervalMs);
    const random = this.deps.random ?? Math.random;
    for (const org of orgs) {
      const delayMs = Math.floor(random() * JITTER * this.deps.intervalMs);
      await this.deps.jobs.enqueue(ORG_JOB, { org }, { jobId: `${ORG_JOB}:${org}:${slot}`, delayMs });
    }
  }

  async checkOrg(org: string): Promise<void> {
    const connections = (await allWatched(this.deps.registry)).filter((c) => c.org === org);
    const health = new Map(await Promise.all(connections.map(async (c) => [c.id, await this.deps.state.get(c.id)] as const)));
    const tests = this.#due(connections, health, 'testedAt', TEST_EVERY_MS);
    const introspections = this.deps.introspect ? this.#due(connections, health, 'introspectedAt', INTROSPECT_EVERY_MS) : new Set();
    for (const sandbox of new Set(connections.map((c) => c.sandbox))) {
      const inSandbox = connections.filter((c) => c.sandbox === sandbox);
      const runs = await this.#lastRuns(org, sandbox, inSandbox);
      await forEachLimited(inSandbox, CHECKS_AT_ONCE, async (c) => {
        const flowId = c.dataflow.flowId;
        const batchedRun = flowId !== undefined && runs ? { run: runs.get(flowId) } : undefined;
        const newRun = batchedRun?.run !== undefined && batchedRun.run.id !== health.get(c.id)?.lastRunId;
        const plan = { test: tests.has(c.id), introspect: introspections.has(c.id) };
        if (!newRun && !plan.test && !plan.introspect) return;
        await this.deps.checker.check(c, { ...plan, ...(batchedRun ? { batchedRun } : {}) });
      });
    }
  }

  /**
   * The connections whose turn it is: due (their last probe at least a period ago, less half an interval so a tick
   * does not just miss them), oldest first, at most the share of one interval, so each gets its turn once a period.
   */
  #due(connections: WatchedConnection[], health: Map<string, ConnectionHealth>, field: 'testedAt' | 'introspectedAt', periodMs: number) {
    const now = this.deps.now();
    const share = Math.min(connections.length, Math.ceil((connections.length * this.deps.intervalMs) / periodMs));
    const last = (c: WatchedConnection) => health.get(c.id)?.[field] ?? Number.NEGATIVE_INFINITY;
    const due = connections.filter((c) => now - last(c) >= periodMs - this.deps.intervalMs / 2).sort((a, b) => last(a) - last(b));
    return new Set(due.slice(0, share).map((c) => c.id));
  }

  /** One `GET /flows?property=id==…` per sandbox (per hundred flows); undefined when Adobe could not answer. */
  async #lastRuns(org: string, sandbox: string, connections: WatchedConnection[]): Promise<Map<string, LastRun | undefined> | undefined> {
    const flowIds = connections.flatMap((c) => (c.dataflow.flowId ? [c.dataflow.flowId] : []));
    const { ims, flowHealth } = this.deps.adobe.forTarget({ org, sandbox });
    const runs = new Map<string, LastRun | undefined>();
    for (let i = 0; i < flowIds.length; i += FLOWS_PER_LIST) {
      const answer = await this.deps.gate.call(org, async () => {
        const token = await ims.getToken().catch(() => undefined);
        return token ? flowHealth.lastRuns(token, flowIds.slice(i, i + FLOWS_PER_LIST)) : { known: false as const, why: 'AEP_UNAVAILABLE' };
      });
      if (!answer.known) return undefined;
      for (const [id, run] of answer.value) runs.set(id, run);
    }
    return runs;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
