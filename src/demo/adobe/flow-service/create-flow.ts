import type { RequestHandler } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import type { BodyValidator } from '../platform/openapi-document.js';
import type { PlatformPeers } from '../platform/peers.js';
import { sendCreated } from './create-connection.js';
import { providerRejection, type FlowFailure } from './error-catalog.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import { CRM_TO_AEP_FLOW_SPEC, deltaColumnProblem, mappingOf, scheduleProblem, type ScheduleParams } from './flow-rules.js';
import type { FlowRuns } from './flow-runs.js';
import type { FlowServiceStores } from './flow-stores.js';
import { HUBSPOT_TABLES } from './hubspot-tables.js';
import { validBodyOf } from './request-body.js';
import { newResourceMeta } from './resource-meta.js';
import type { FlowTransformation, StoredFlow } from './types.js';

interface CreateFlowBody {
  name: string;
  description?: string;
  flowSpec: { id?: string; version?: string };
  sourceConnectionIds: string[];
  targetConnectionIds: string[];
  transformations?: FlowTransformation[];
  scheduleParams?: ScheduleParams;
}

export interface CreateFlowDeps {
  stores: FlowServiceStores;
  runs: FlowRuns;
  validateBody: BodyValidator;
  peers: PlatformPeers;
  draftModeAllowed: boolean;
}

/** The connections, mapping and schedule a CRM flow needs, checked in the order a reader of the body meets them. */
function flowProblem(body: CreateFlowBody, deps: CreateFlowDeps, scope: { orgId: string; sandboxName: string }): FlowFailure | undefined {
  if (body.flowSpec.id !== CRM_TO_AEP_FLOW_SPEC.id || (body.flowSpec.version ?? '1.0') !== CRM_TO_AEP_FLOW_SPEC.version) {
    return { code: '1413-400', detail: 'The spec ID provided is invalid. Please provide a valid spec ID and try again.' };
  }
  if (body.sourceConnectionIds.length !== 1 || body.targetConnectionIds.length !== 1) {
    return providerRejection('A CRMToAEP flow has exactly one source connection and one target connection.');
  }
  const source = deps.stores.sourceConnections.get(body.sourceConnectionIds[0] ?? '', scope);
  if (!source) return providerRejection(`The source connection ${body.sourceConnectionIds[0]} does not exist.`);
  if (!deps.stores.targetConnections.get(body.targetConnectionIds[0] ?? '', scope)) {
    return providerRejection(`The target connection ${body.targetConnectionIds[0]} does not exist.`);
  }
  const transformations = body.transformations ?? [];
  const mapping = mappingOf(transformations);
  if ('code' in mapping) return mapping;
  if (deps.peers.mappingSet) {
    const found = deps.peers.mappingSet(mapping.id, scope);
    if (!found || Number(mapping.version) > found.version) {
      return providerRejection(`The mapping set ${mapping.id} version ${mapping.version} does not exist.`);
    }
  }
  return (
    scheduleProblem(body.scheduleParams, Date.now()) ??
    deltaColumnProblem(transformations, body.scheduleParams?.frequency, HUBSPOT_TABLES[source.params.path] ?? [])
  );
}

/**
 * `POST /flows` (docs/reference/adobe-dataflow.md §1 row 7). `mode=draft` is absent from the OpenAPI but documented
 * (EN `tutorials/api/draft.md`): the flow then waits in state `draft` until published. Without it the flow is
 * enabled at once and its first run is scheduled. Any other `mode` is 1368.
 */
export function createFlowRoute(deps: CreateFlowDeps): RequestHandler {
  return (req, res) => {
    const mode = rawQueryOf(req).get('mode');
    if (mode !== null && (mode !== 'draft' || !deps.draftModeAllowed)) {
      return sendFlowError(req, res, '1368-400', 'Mode is not allowed in flow request');
    }
    const body = validBodyOf<CreateFlowBody>(req, res, deps.validateBody);
    if (!body) return;
    const caller = callerOf(res);
    const problem = flowProblem(body, deps, caller);
    if (problem) return sendFlowFailure(req, res, problem);
    const schedule = body.scheduleParams ?? {};
    const flow: StoredFlow = {
      ...newResourceMeta(caller),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      flowSpec: { ...CRM_TO_AEP_FLOW_SPEC },
      sourceConnectionIds: [...body.sourceConnectionIds],
      targetConnectionIds: [...body.targetConnectionIds],
      transformations: structuredClone(body.transformations ?? []),
      scheduleParams: {
        startTime: schedule.startTime ?? 0,
        frequency: schedule.frequency ?? '',
        ...(schedule.interval === undefined ? {} : { interval: schedule.interval }),
        ...(schedule.backfill === undefined ? {} : { backfill: schedule.backfill }),
      },
      state: mode === 'draft' ? 'draft' : 'enabled',
    };
    deps.stores.flows.add(flow);
    deps.stores.creates.flows += 1;
    if (flow.state === 'enabled') deps.runs.scheduleFirstRun(flow);
    sendCreated(req, res, 'flows', flow);
  };
}
