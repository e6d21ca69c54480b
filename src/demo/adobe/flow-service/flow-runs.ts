import { newEtag } from './etag.js';
import type { FlowServiceStores } from './flow-stores.js';
import { metaView } from './resource-meta.js';
import type { FlowServiceSimOptions, RunOutcome, StoredFlow, StoredRun } from './types.js';
import { randomUUID } from 'node:crypto';

/**
 * Runs of published flows. A real first run starts at `startTime`; the simulator runs it `firstRunDelayMs` after
 * publishing, so that demo mode shows a finished run within seconds. The `runOutcome` hook decides how it ends.
 */
export class FlowRuns {
  readonly #stores: FlowServiceStores;
  readonly #firstRunDelayMs: number;
  readonly #outcome: NonNullable<FlowServiceSimOptions['runOutcome']>;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(stores: FlowServiceStores, options: Pick<FlowServiceSimOptions, 'firstRunDelayMs' | 'runOutcome'>) {
    this.#stores = stores;
    this.#firstRunDelayMs = options.firstRunDelayMs ?? 3000;
    this.#outcome = options.runOutcome ?? (() => Promise.resolve('success'));
  }

  /** Called when a flow becomes enabled: its first run ends after the configured delay. */
  scheduleFirstRun(flow: StoredFlow): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      // A flow deleted or disabled in the meantime does not run; a failing hook is the hook's test problem.
      if (this.#stores.flows.all().includes(flow) && flow.state === 'enabled') void this.run(flow).catch(() => undefined);
    }, this.#firstRunDelayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Runs the flow now and records the finished run. */
  async run(flow: StoredFlow): Promise<StoredRun> {
    const startedAt = Date.now();
    const outcome: RunOutcome = await this.#outcome(flow, this.#stores.baseConnectionOf(flow));
    const completedAt = Date.now();
    const run: StoredRun = {
      id: randomUUID(),
      imsOrgId: flow.imsOrgId,
      sandboxName: flow.sandboxName,
      etag: newEtag(completedAt),
      createdAt: startedAt,
      updatedAt: completedAt,
      createdClient: flow.createdClient,
      updatedClient: flow.createdClient,
      flowId: flow.id,
      flowSpec: { ...flow.flowSpec },
      startedAt,
      completedAt,
      status: outcome === 'success' ? 'success' : 'failed',
      errors: outcome === 'success' ? [] : outcome.errors.map((e) => ({ ...e })),
    };
    this.#stores.runs.add(run);
    return run;
  }

  /** The flow's latest run, for `lastRunDetails`. */
  lastRunOf(flow: StoredFlow): StoredRun | undefined {
    return this.#stores.runs
      .all()
      .filter((r) => r.flowId === flow.id)
      .at(-1);
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/**
 * A run as `GET /runs` shows it: `FlowRunItemDTO` with the docs' `statusSummary.errors` (which the OpenAPI lacks) and
 * one `copyActivity` carrying the same status, as the runs the monitoring docs show
 * (https://experienceleague.adobe.com/en/docs/experience-platform/dataflows/api/monitor-sources). Record counts are
 * [INFERRED] placeholders: the simulator moves no data.
 */
export function toRunItem(run: StoredRun): Record<string, unknown> {
  const errors = run.errors.map((e) => ({ ...e }));
  const statusSummary = { status: run.status, errors };
  const records = run.status === 'success' ? 2 : 0;
  return {
    ...metaView(run),
    flowId: run.flowId,
    flowSpec: { ...run.flowSpec },
    providerRefId: `M-${run.flowId}-incremental-0:${run.id}`,
    etag: run.etag,
    metrics: {
      durationSummary: { startedAtUTC: run.startedAt, completedAtUTC: run.completedAt },
      sizeSummary: { inputBytes: records * 120, outputBytes: records * 900 },
      recordSummary: { inputRecordCount: records, outputRecordCount: records, failedRecordCount: 0 },
      statusSummary,
    },
    activities: [
      {
        id: 'copyActivity',
        updatedAtUTC: run.completedAt,
        durationSummary: { startedAtUTC: run.startedAt, completedAtUTC: run.completedAt },
        recordSummary: { inputRecordCount: records, outputRecordCount: records, failedRecordCount: 0 },
        statusSummary,
      },
    ],
  };
}
