import type { AdobeResolver } from '../../adobe/adobe-directory.js';
import type { Logger } from '../../logging/logger.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import { saveFlow, type FlowRecord } from '../flow-record.js';

/** Run states after which the first run will not change any more. */
const FINAL = new Set(['success', 'failed']);

/**
 * Reads the scheduled dataflow's first run from Flow Service (`GET /runs?property=flowId==…`), so a reload of the
 * result page shows whether data arrived. A failure to read is only logged: the page shows what it knew.
 */
export async function refreshFirstRun(
  deps: { store: KeyValueStore; adobe: AdobeResolver; logger: Logger },
  record: FlowRecord,
): Promise<FlowRecord> {
  const state = record.dataflow;
  const flowId = state?.ids.flowId;
  if (state?.status !== 'scheduled' || !flowId || FINAL.has(state.firstRun?.status.toLowerCase() ?? '')) return record;
  try {
    const adobe = deps.adobe.forTarget(record.target);
    const runs = await adobe.dataflow.flows.listRuns(await adobe.ims.getToken(), flowId);
    // Flow Service lists the newest first: the first run is the last one.
    const first = runs.at(-1);
    if (!first) return record;
    const updated: FlowRecord = { ...record, dataflow: { ...state, firstRun: first } };
    await saveFlow(deps.store, updated);
    return updated;
  } catch (err) {
    deps.logger.warn({ flowId: record.id, err: { message: (err as Error).message } }, 'dataflow runs not read');
    return record;
  }
}
