import { startPlatformServer } from '../platform/platform-server.js';
import { sendFlowError } from './flow-error.js';
import { FlowRuns } from './flow-runs.js';
import { FlowServiceStores } from './flow-stores.js';
import { loadFlowServiceDocument } from './openapi-schema.js';
import { flowServiceRouter, sendRouteNotFound } from './routes.js';
import type { FlowServiceSimOptions, FlowServiceSimulator } from './types.js';

export type {
  FlowServiceSimOptions,
  FlowServiceSimulator,
  RunOutcome,
  StoredConnection,
  StoredFlow,
  StoredRun,
  StoredSourceConnection,
  StoredTargetConnection,
} from './types.js';

/** Base path of the API on platform.adobe.io (docs/reference/adobe-flow-service.md §2). */
export const FLOW_SERVICE_BASE_PATH = '/data/foundation/flowservice';

/**
 * Starts a local Flow Service: base connections (docs/reference/adobe-flow-service.md §2), and the source connections,
 * target connections, flows and runs of a dataflow (docs/reference/adobe-dataflow.md §1), behind the platform
 * gateway's header checks, authenticating Bearer tokens through `options.ims`.
 */
export async function startFlowServiceSimulator(options: FlowServiceSimOptions): Promise<FlowServiceSimulator> {
  const stores = new FlowServiceStores();
  const runs = new FlowRuns(stores, options);
  const server = await startPlatformServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    basePath: FLOW_SERVICE_BASE_PATH,
    router: flowServiceRouter({
      verify: (token) => options.ims.verify(token),
      sandboxes: [...(options.sandboxes ?? ['prod'])],
      stores,
      runs,
      document: await loadFlowServiceDocument(),
      peers: options.peers ?? {},
      draftModeAllowed: options.draftModeAllowed ?? true,
      ...(options.connectionTest ? { connectionTest: options.connectionTest } : {}),
      ...(options.contactsEmailColumn ? { contactsEmailColumn: true } : {}),
    }),
    notFound: sendRouteNotFound,
    internalError: (req, res, error) =>
      sendFlowError(req, res, '1102-500', `An internal error has occurred. Please try again. (${String(error)})`),
  });
  return {
    ...server,
    connections: () => stores.connections.all(),
    sourceConnections: () => stores.sourceConnections.all(),
    targetConnections: () => stores.targetConnections.all(),
    flows: () => stores.flows.all(),
    runs: () => stores.runs.all(),
    createCounts: () => ({ ...stores.creates }),
    runFlow: (flowId) => {
      const flow = stores.flows.all().find((f) => f.id === flowId);
      if (!flow || flow.state !== 'enabled') return Promise.reject(new Error(`no enabled flow ${flowId}`));
      return runs.run(flow);
    },
    close: async () => {
      runs.close();
      await server.close();
    },
  };
}
