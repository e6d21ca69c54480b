import { z } from 'zod';
import { parseJson } from '../http/parse-json.js';
import { retryAfterMs } from '../http/retry-policy.js';
import { PlatformApi } from './platform-api.js';

/** An answer, or the reason there is none: Adobe unavailable (429, 5xx, timeout) or an answer we cannot read. */
export type Probe<T> = { known: true; value: T } | { known: false; why: string; retryAfterMs?: number };

/** A flow's `lastRunDetails`: `state` is `success` or `failed` (Flow Service OpenAPI, FlowItemDTO). */
export interface LastRun {
  id: string;
  failed: boolean;
  startedAt?: number;
}

export interface RunErrors {
  codes: string[];
  /** Ids of the run's activities that failed (e.g. the copy activity). */
  failedActivities: string[];
}

/** Flow filters are capped at 1000 values; 100 ids keep the URL near 4 KB (docs/reference/adobe-dataflow.md §4). */
export const FLOWS_PER_LIST = 100;

const lastRunDetails = z.object({ id: z.string(), state: z.string() }).loose();
const flowList = z.object({ items: z.array(z.object({ id: z.string(), lastRunDetails: lastRunDetails.optional() }).loose()) }).loose();
const statusSummary = z
  .object({ status: z.string().optional(), errors: z.array(z.object({ code: z.string().optional() }).loose()).optional() })
  .loose();
const activity = z.object({ id: z.string().optional(), statusSummary: statusSummary.optional() }).loose();
const runBody = z
  .object({
    items: z.array(
      z
        .object({
          metrics: z.object({ statusSummary: statusSummary.optional() }).loose().optional(),
          // The OpenAPI spells it `activites`; the docs `activities` (docs/reference/adobe-dataflow.md §1). Read both.
          activities: z.array(activity).optional(),
          activites: z.array(activity).optional(),
        })
        .loose(),
    ),
  })
  .loose();
const testBody = z.object({ result: z.boolean() }).loose();

/**
 * The three reads the health watch makes in Flow Service (docs/reference/adobe-dataflow.md §5): flows' last runs, a
 * run's errors, and the connection test. None is retried here: a 429 or 5xx is "unknown", and the watch honours
 * Retry-After before it calls the org again.
 */
export class FlowHealthClient extends PlatformApi {
  /** `GET /flows?property=id==a,b,…` (a comma is OR in a filter): each flow's last run, absent before its first. */
  async lastRuns(token: string, flowIds: readonly string[]): Promise<Probe<Map<string, LastRun | undefined>>> {
    const query = `property=${encodeURIComponent(`id==${flowIds.join(',')}`)}&limit=${FLOWS_PER_LIST}`;
    return this.#read(token, `/flows?${query}`, flowList, (body) => {
      const runs = new Map<string, LastRun | undefined>();
      for (const flow of body.items) {
        const last = flow.lastRunDetails;
        runs.set(flow.id, last ? { id: last.id, failed: /fail/i.test(last.state) } : undefined);
      }
      return runs;
    });
  }

  /** `GET /runs/{id}`: the error codes of a failed run and which activities failed. */
  async runErrors(token: string, runId: string): Promise<Probe<RunErrors>> {
    return this.#read(token, `/runs/${encodeURIComponent(runId)}`, runBody, (body) => {
      const run = body.items[0];
      const activities = run?.activities ?? run?.activites ?? [];
      const failed = activities.filter((a) => /fail/i.test(a.statusSummary?.status ?? ''));
      const errors = [...(run?.metrics?.statusSummary?.errors ?? []), ...failed.flatMap((a) => a.statusSummary?.errors ?? [])];
      return {
        codes: [...new Set(errors.flatMap((e) => (e.code ? [e.code] : [])))],
        failedActivities: failed.flatMap((a) => (a.id ? [a.id] : [])),
      };
    });
  }

  /** `GET /connections/{id}/test` (APIS `testConnection`): `{"result": true|false}`. */
  async testConnection(token: string, connectionId: string): Promise<Probe<boolean>> {
    return this.#read(token, `/connections/${encodeURIComponent(connectionId)}/test`, testBody, (body) => body.result);
  }

  async #read<S extends z.ZodType, T>(token: string, path: string, schema: S, map: (body: z.output<S>) => T): Promise<Probe<T>> {
    try {
      const res = await this.send(token, { method: 'GET', path });
      if (res.status !== 200) {
        const wait = retryAfterMs(res.headers['retry-after']);
        return { known: false, why: `AEP answered ${res.status}`, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
      }
      const body = parseJson(res.text, schema);
      return body === undefined ? { known: false, why: 'AEP_BAD_RESPONSE' } : { known: true, value: map(body) };
    } catch (err) {
      return { known: false, why: (err as { code?: string }).code ?? 'AEP_UNAVAILABLE' };
    }
  }
}
