import type { FlowRuns } from './flow-runs.js';
import type { FilterFields } from './list-filter.js';
import { metaView, versionView } from './resource-meta.js';
import type { StoredFlow } from './types.js';

/**
 * Fields the sort-and-filter guide filters flows on (EN `dataflows/api/sort-and-filter.md`), including the array
 * fields `sourceConnectionIds[]` and `targetConnectionIds[]`; `id==a,b` finds several flows in one call.
 */
export const FLOW_FILTER_FIELDS: FilterFields<StoredFlow> = {
  id: (f) => f.id,
  name: (f) => f.name,
  description: (f) => f.description,
  state: (f) => f.state,
  'flowSpec.id': (f) => f.flowSpec.id,
  'sourceConnectionIds[]': (f) => f.sourceConnectionIds,
  'targetConnectionIds[]': (f) => f.targetConnectionIds,
};

/** A flow as `GET /flows` shows it: `FlowItemDTO`, with `lastRunDetails` once it has run. */
export function flowItemView(runs: FlowRuns): (flow: StoredFlow) => Record<string, unknown> {
  return (flow) => {
    const last = runs.lastRunOf(flow);
    return {
      ...metaView(flow),
      name: flow.name,
      ...(flow.description === undefined ? {} : { description: flow.description }),
      flowSpec: { ...flow.flowSpec },
      state: flow.state,
      sourceConnectionIds: [...flow.sourceConnectionIds],
      targetConnectionIds: [...flow.targetConnectionIds],
      transformations: structuredClone(flow.transformations),
      scheduleParams: { ...flow.scheduleParams },
      runs: `/runs?property=flowId==${flow.id}`,
      ...(last
        ? { lastRunDetails: { id: last.id, state: last.status, startedAtUTC: last.startedAt, completedAtUTC: last.completedAt } }
        : {}),
      ...versionView(flow),
    };
  };
}
