import { Router } from 'express';
import { gateway } from '../platform/gateway.js';
import { requireJsonContentType } from '../platform/json-request.js';
import { loadOpenApiDocument } from '../platform/openapi-document.js';
import { rejectSandboxAs } from '../platform/platform-error.js';
import { startPlatformServer } from '../platform/platform-server.js';
import { ScopedStore } from '../platform/scoped-store.js';
import { sendDataPrepError } from './dataprep-error.js';
import {
  createMappingSetRoute,
  getMappingSetRoute,
  listMappingSetsRoute,
  validateMappingSetRoute,
  type DataPrepState,
} from './mapping-routes.js';
import type { DataPrepSimOptions, DataPrepSimulator, StoredMappingSet } from './types.js';

export type { DataPrepSimOptions, DataPrepSimulator, StoredMappingSet } from './types.js';

export const DATA_PREP_BASE_PATH = '/data/foundation/conversion';

/**
 * Starts a local Data Prep with mapping sets (validate, create, list with the required `limit` and `start`, look up;
 * no delete, as in Adobe's API) behind the platform gateway, validated against Adobe's vendored OpenAPI document.
 */
export async function startDataPrepSimulator(options: DataPrepSimOptions): Promise<DataPrepSimulator> {
  const state: DataPrepState = {
    mappingSets: new ScopedStore<StoredMappingSet>(),
    creates: { mappingSets: 0 },
    peers: options.peers ?? {},
    rejectDestinations: new Set(),
  };
  const document = await loadOpenApiDocument('data-prep');
  const validateBody = document.validator('MappingSet');
  const router = Router();
  router.use(
    gateway({ verify: (token) => options.ims.verify(token), sandboxes: [...(options.sandboxes ?? ['prod'])] }, rejectSandboxAs('DPR')),
  );
  router.use(requireJsonContentType());
  router.post('/mappingSets/validate', validateMappingSetRoute(state, validateBody));
  router.post('/mappingSets', createMappingSetRoute(state, validateBody));
  router.get('/mappingSets', listMappingSetsRoute(state, document));
  router.get('/mappingSets/:id', getMappingSetRoute(state));
  const server = await startPlatformServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    basePath: DATA_PREP_BASE_PATH,
    router,
    notFound: (req, res) => sendDataPrepError(req, res, 404, `The resource ${req.method} ${req.path} was not found.`),
    internalError: (req, res, error) => sendDataPrepError(req, res, 500, `An internal error occurred (${String(error)}).`),
  });
  return {
    ...server,
    mappingSets: () => state.mappingSets.all(),
    createCounts: () => ({ ...state.creates }),
    rejectDestinations: state.rejectDestinations,
    findMappingSet: (id, scope) => state.mappingSets.get(id, scope),
  };
}
