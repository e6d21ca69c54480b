import { loadOpenApiDocument } from '../platform/openapi-document.js';
import { rejectSandboxAs } from '../platform/platform-error.js';
import { platformRouter, startApiServer } from '../platform/platform-server.js';
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
  const router = platformRouter(options, rejectSandboxAs('DPR'));
  router.post('/mappingSets/validate', validateMappingSetRoute(state, validateBody));
  router.post('/mappingSets', createMappingSetRoute(state, validateBody));
  router.get('/mappingSets', listMappingSetsRoute(state, document));
  router.get('/mappingSets/:id', getMappingSetRoute(state, document));
  const server = await startApiServer(options, DATA_PREP_BASE_PATH, router, sendDataPrepError);
  return {
    ...server,
    mappingSets: () => state.mappingSets.all(),
    createCounts: () => ({ ...state.creates }),
    rejectDestinations: state.rejectDestinations,
    findMappingSet: (id, scope) => state.mappingSets.get(id, scope),
  };
}
