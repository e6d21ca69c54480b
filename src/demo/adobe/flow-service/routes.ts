import { Router, type Request, type Response } from 'express';
import { gateway, type GatewayOptions } from '../platform/gateway.js';
import { requireJsonContentType } from '../platform/json-request.js';
import type { OpenApiDocument } from '../platform/openapi-document.js';
import type { PlatformPeers } from '../platform/peers.js';
import { CONNECTION_FILTER_FIELDS, testConnectionRoute } from './connection-routes.js';
import { toConnectionItem } from './connection-view.js';
import { createConnectionRoute } from './create-connection.js';
import { createFlowRoute } from './create-flow.js';
import { exploreConnection } from './explore-connection.js';
import { hubspotTables } from './hubspot-tables.js';
import { flowActionRoute } from './flow-actions.js';
import { sendFlowError } from './flow-error.js';
import { toRunItem, type FlowRuns } from './flow-runs.js';
import type { FlowServiceStores } from './flow-stores.js';
import { FLOW_FILTER_FIELDS, flowItemView } from './flow-view.js';
import { patchConnectionRoute } from './patch-connection.js';
import { deleteItem, getItem, listItems, withResource } from './resource-routes.js';
import { createSourceConnectionRoute, SOURCE_CONNECTION_FILTER_FIELDS, toSourceConnectionItem } from './source-connections.js';
import { createTargetConnectionRoute, TARGET_CONNECTION_FILTER_FIELDS, toTargetConnectionItem } from './target-connections.js';
import type { FlowServiceSimOptions, StoredRun } from './types.js';

export interface FlowServiceRouterOptions extends GatewayOptions {
  stores: FlowServiceStores;
  runs: FlowRuns;
  document: OpenApiDocument;
  peers: PlatformPeers;
  draftModeAllowed: boolean;
  connectionTest?: FlowServiceSimOptions['connectionTest'];
  contactsEmailColumn?: boolean;
}

/** Anything the simulator does not implement, including wrong methods on known paths. */
export function sendRouteNotFound(req: Request, res: Response): void {
  sendFlowError(req, res, '1101-404', `The requested resource ${req.method} ${req.originalUrl.split('?')[0]} is not found.`);
}

/** Flow Service's own sandbox errors (docs/reference/adobe-flow-service.md §3.3): 2105-400 missing, 2100-404 unknown. */
function rejectSandbox(req: Request, res: Response, name: string | undefined): void {
  if (name === undefined) {
    return sendFlowError(
      req,
      res,
      '2105-400',
      'The header x-sandbox-name is missing in the request. Please add the header in the request and try again.',
    );
  }
  sendFlowError(
    req,
    res,
    '2100-404',
    `The sandbox with the name '${name}' could not be found. Please ensure that the sandbox name is correct and try again.`,
  );
}

const RUN_FILTER_FIELDS = { id: (r: StoredRun) => r.id, flowId: (r: StoredRun) => r.flowId };

/**
 * Flow Service under its base path: gateway checks first, then Content-Type, then the routes (docs/reference/adobe-flow-service.md
 * §2, §3; docs/reference/adobe-dataflow.md §1). Paths with a trailing slash match too; the spec writes DELETE and
 * PATCH as `/connections/{BASE_CONNECTION_ID}/`.
 */
export function flowServiceRouter(options: FlowServiceRouterOptions): Router {
  const { stores, runs, document } = options;
  const { connections, sourceConnections, targetConnections, flows } = stores;
  const router = Router();
  router.use(gateway(options, rejectSandbox));
  router.use(requireJsonContentType());

  router.get('/connections', listItems(connections, 'connections', CONNECTION_FILTER_FIELDS, toConnectionItem));
  router.post('/connections', createConnectionRoute(stores, document.validator('CreateConnectionRequest')));
  router.get('/connections/:id', withResource(connections, 'connections', getItem(toConnectionItem)));
  router.patch('/connections/:id', patchConnectionRoute(connections));
  router.delete('/connections/:id', withResource(connections, 'connections', deleteItem(stores, connections, 'base connection')));
  router.get('/connections/:id/test', withResource(connections, 'connections', testConnectionRoute(options.connectionTest)));
  router.get('/connections/:id/explore', withResource(connections, 'connections', exploreConnection(hubspotTables(options))));

  const sourceItem = toSourceConnectionItem;
  router.get('/sourceConnections', listItems(sourceConnections, 'sourceConnections', SOURCE_CONNECTION_FILTER_FIELDS, sourceItem));
  router.post('/sourceConnections', createSourceConnectionRoute(stores, document.validator('CreateSourceConnectionRequest')));
  router.get('/sourceConnections/:id', withResource(sourceConnections, 'sourceConnections', getItem(sourceItem)));
  router.delete(
    '/sourceConnections/:id',
    withResource(sourceConnections, 'sourceConnections', deleteItem(stores, sourceConnections, 'source connection')),
  );

  const targetItem = toTargetConnectionItem;
  router.get('/targetConnections', listItems(targetConnections, 'targetConnections', TARGET_CONNECTION_FILTER_FIELDS, targetItem));
  router.post(
    '/targetConnections',
    createTargetConnectionRoute(stores, document.validator('CreateTargetConnectionRequest'), options.peers),
  );
  router.get('/targetConnections/:id', withResource(targetConnections, 'targetConnections', getItem(targetItem)));
  router.delete(
    '/targetConnections/:id',
    withResource(targetConnections, 'targetConnections', deleteItem(stores, targetConnections, 'target connection')),
  );

  const flowItem = flowItemView(runs);
  router.get('/flows', listItems(flows, 'flows', FLOW_FILTER_FIELDS, flowItem));
  router.post(
    '/flows',
    createFlowRoute({
      stores,
      runs,
      validateBody: document.validator('CreateFlowRequest'),
      peers: options.peers,
      draftModeAllowed: options.draftModeAllowed,
    }),
  );
  router.get('/flows/:id', withResource(flows, 'flows', getItem(flowItem)));
  router.delete(
    '/flows/:id',
    withResource(flows, 'flows', (_req, res, flow) => void (flows.delete(flow.id), res.status(204).end())),
  );
  router.post('/flows/:id/action', withResource(flows, 'flows', flowActionRoute(runs)));

  router.get('/runs', listItems(stores.runs, 'runs', RUN_FILTER_FIELDS, toRunItem));
  router.get('/runs/:id', withResource(stores.runs, 'runs', getItem(toRunItem)));
  router.use(sendRouteNotFound);
  return router;
}
