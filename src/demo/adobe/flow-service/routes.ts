import { Router, type Request, type Response } from 'express';
import { deleteConnection, getConnection, testConnection, withConnection, type CredentialCheck } from './connection-routes.js';
import type { ConnectionStore } from './connection-store.js';
import { createConnectionRoute } from './create-connection.js';
import { exploreConnection } from './explore-connection.js';
import { sendFlowError } from './flow-error.js';
import { gateway, type GatewayOptions } from './gateway.js';
import { listConnectionsRoute } from './list-connections.js';
import type { BodyValidator } from './openapi-schema.js';
import { patchConnectionRoute } from './patch-connection.js';
import { requireJsonContentType } from './request-body.js';

export interface FlowServiceRouterOptions extends GatewayOptions {
  store: ConnectionStore;
  validateCreateBody: BodyValidator;
  credentialCheck?: CredentialCheck;
}

/** Anything the simulator does not implement, including wrong methods on known paths. */
export function sendRouteNotFound(req: Request, res: Response): void {
  sendFlowError(req, res, '1101-404', `The requested resource ${req.method} ${req.originalUrl.split('?')[0]} is not found.`);
}

/**
 * The `/connections` API mounted under the base path: gateway checks first, then Content-Type, then
 * the routes (docs/reference/adobe-flow-service.md §2, §3). Paths with a trailing slash match too; the spec writes DELETE and
 * PATCH as `/connections/{BASE_CONNECTION_ID}/`.
 */
export function flowServiceRouter(options: FlowServiceRouterOptions): Router {
  const { store } = options;
  const router = Router();
  router.use(gateway(options));
  router.use(requireJsonContentType());
  router.get('/connections', listConnectionsRoute(store));
  router.post('/connections', createConnectionRoute(store, options.validateCreateBody));
  router.get('/connections/:id', withConnection(store, getConnection));
  router.patch('/connections/:id', patchConnectionRoute(store));
  router.delete('/connections/:id', withConnection(store, deleteConnection(store)));
  router.get('/connections/:id/test', withConnection(store, testConnection(options.credentialCheck)));
  router.get('/connections/:id/explore', withConnection(store, exploreConnection));
  router.use(sendRouteNotFound);
  return router;
}
