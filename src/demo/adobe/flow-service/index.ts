import express, { type NextFunction, type Request, type Response } from 'express';
import { FaultInjector } from '../../kit/faults.js';
import { listenOnLoopback } from '../../kit/listen.js';
import { captureRequests, RequestLog } from '../../kit/request-log.js';
import { ConnectionStore } from './connection-store.js';
import { sendFlowError } from './flow-error.js';
import { loadCreateConnectionValidator } from './openapi-schema.js';
import { flowServiceRouter, sendRouteNotFound } from './routes.js';
import type { FlowServiceSimOptions, FlowServiceSimulator } from './types.js';

export type { FlowServiceSimOptions, FlowServiceSimulator, StoredConnection } from './types.js';

/** Base path of the API on platform.adobe.io (docs/reference/adobe-flow-service.md §2). */
export const FLOW_SERVICE_BASE_PATH = '/data/foundation/flowservice';

/**
 * Starts a local Flow Service that implements base connections (`/connections`, docs/reference/adobe-flow-service.md §2) behind
 * the platform gateway's header checks (§3), authenticating Bearer tokens through `options.ims`.
 */
export async function startFlowServiceSimulator(options: FlowServiceSimOptions): Promise<FlowServiceSimulator> {
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const store = new ConnectionStore();
  const validateCreateBody = await loadCreateConnectionValidator();

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(captureRequests(requests));
  app.use(faults.middleware());
  app.use(
    FLOW_SERVICE_BASE_PATH,
    flowServiceRouter({
      verify: (token) => options.ims.verify(token),
      sandboxes: [...(options.sandboxes ?? ['prod'])],
      store,
      validateCreateBody,
      ...(options.credentialCheck ? { credentialCheck: options.credentialCheck } : {}),
    }),
  );
  app.use(sendRouteNotFound);
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendFlowError(req, res, '1102-500', `An internal error has occurred. Please try again. (${String(error)})`);
  });

  const listening = await listenOnLoopback(app, options.port ?? 0);
  return {
    url: listening.url,
    baseUrl: `${listening.url}${FLOW_SERVICE_BASE_PATH}`,
    faults,
    requests,
    connections: () => store.all(),
    close: () => listening.close(),
  };
}
