import type { AdobeResolver } from '../adobe/adobe-directory.js';
import type { LastRun, Probe } from '../adobe/flow-health-client.js';
import { classify, type HealthSignals } from './classify.js';
import type { ConnectionHealth, HealthState } from './health-state.js';
import type { Incidents } from './incidents.js';
import type { OrgGate } from './org-gate.js';
import type { WatchedConnection } from './watched-connection.js';

const HUBSPOT_GATE = 'hubspot';

export type CheckOutcome = 'healthy' | 'unhealthy' | 'unknown';

/** Which probes one check makes. */
export interface CheckPlan {
  /** The flow's last run, when the caller already read it in a batch (absent entry: no run yet). */
  batchedRun?: { run: LastRun | undefined };
  /** Read the flow's last run itself (check now). */
  readRun?: boolean;
  test?: boolean;
  introspect?: boolean;
}

/** Introspection of a retained refresh token; undefined when none is retained for the connection. */
export type GrantProbe = (connectionId: string) => Promise<Probe<NonNullable<HealthSignals['grant']>> | undefined>;

export interface HealthCheckerDeps {
  adobe: AdobeResolver;
  gate: OrgGate;
  state: HealthState;
  incidents: Incidents;
  now: () => number;
  grant?: GrantProbe;
  onCheck?: (outcome: CheckOutcome) => void;
}

/**
 * One connection's check: the probes of the plan, each answer stored as the latest signal, then classified. A probe
 * Adobe or HubSpot could not answer leaves its signal as it was, so an outage never changes a status. A newly failed
 * run brings the connection test forward, to tell refused credentials from other failures.
 */
export class HealthChecker {
  constructor(private readonly deps: HealthCheckerDeps) {}

  async check(connection: WatchedConnection, plan: CheckPlan): Promise<{ outcome: CheckOutcome; why?: string }> {
    const { org, sandbox } = connection;
    const { ims, flowHealth } = this.deps.adobe.forTarget({ org, sandbox });
    const health = await this.deps.state.get(connection.id);
    const unknown: string[] = [];
    const ask = async <T>(probe: (token: string) => Promise<Probe<T>>): Promise<T | undefined> => {
      const answer = await this.deps.gate.call(org, async (): Promise<Probe<T>> => {
        const token = await ims.getToken().catch((err: { code?: string }) => err);
        return typeof token === 'string' ? probe(token) : { known: false, why: token.code ?? 'AEP_UNAVAILABLE' };
      });
      if (answer.known) return answer.value;
      unknown.push(answer.why);
      return undefined;
    };

    const flowId = connection.dataflow.flowId;
    let run = plan.batchedRun;
    if (plan.readRun && flowId) {
      const runs = await ask((token) => flowHealth.lastRuns(token, [flowId]));
      if (runs) run = { run: runs.get(flowId) };
    }
    const newlyFailed = run?.run !== undefined && run.run.id !== health.lastRunId && run.run.failed;
    if (run?.run && run.run.id !== health.lastRunId) {
      Object.assign(health, { lastRunId: run.run.id, lastRunFailed: run.run.failed, lastRunErrors: [] });
      if (newlyFailed) health.lastRunErrors = (await ask((token) => flowHealth.runErrors(token, run.run!.id)))?.codes ?? [];
    }
    if (plan.test || newlyFailed) {
      const passed = await ask((token) => flowHealth.testConnection(token, connection.id));
      if (passed !== undefined) Object.assign(health, { testPassed: passed, testedAt: this.deps.now() });
    }
    if (plan.introspect) await this.#introspect(connection.id, health, unknown);
    await this.deps.state.save(connection.id, health);

    const verdict = classify(health);
    await this.deps.incidents.apply(connection, verdict, unknown[0]);
    const outcome: CheckOutcome = unknown.length > 0 ? 'unknown' : verdict.status === 'active' ? 'healthy' : 'unhealthy';
    this.deps.onCheck?.(outcome);
    return { outcome, ...(unknown[0] ? { why: unknown[0] } : {}) };
  }

  /** HubSpot has a gate of its own (four at once, its Retry-After honoured), apart from the Adobe orgs'. */
  async #introspect(connectionId: string, health: ConnectionHealth, unknown: string[]): Promise<void> {
    const probe = this.deps.grant;
    if (!probe) return;
    let retained = true;
    const answer = await this.deps.gate.call(HUBSPOT_GATE, async () => {
      const asked = await probe(connectionId);
      retained = asked !== undefined;
      return asked ?? { known: false as const, why: 'no refresh token kept' };
    });
    if (!retained) return;
    if (!answer.known) return void unknown.push(answer.why);
    Object.assign(health, { grant: answer.value, introspectedAt: this.deps.now() });
  }
}
