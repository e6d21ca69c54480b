import { loadOpenApiDocument } from '../platform/openapi-document.js';
import { rejectSandboxAs } from '../platform/platform-error.js';
import { platformRouter, startApiServer } from '../platform/platform-server.js';
import { ScopedStore } from '../platform/scoped-store.js';
import { sendCatalogError } from './catalog-error.js';
import { createDatasetRoute, deleteDataset, getDataset, listDatasetsRoute, withDataset, type CatalogState } from './dataset-routes.js';
import type { CatalogSimOptions, CatalogSimulator, StoredDataset } from './types.js';

export type { CatalogSimOptions, CatalogSimulator, StoredDataset } from './types.js';

export const CATALOG_BASE_PATH = '/data/foundation/catalog';

/**
 * Starts a local Catalog with datasets (create, list with `name`/`description`/`property`/`properties`, look up,
 * delete) behind the platform gateway, validated against Adobe's vendored OpenAPI document.
 */
export async function startCatalogSimulator(options: CatalogSimOptions): Promise<CatalogSimulator> {
  const state: CatalogState = { datasets: new ScopedStore<StoredDataset>(), creates: { dataSets: 0 }, peers: options.peers ?? {} };
  const document = await loadOpenApiDocument('catalog');
  const router = platformRouter(options, rejectSandboxAs('CAT'));
  router.post('/dataSets', createDatasetRoute(state, document.validator('dataSetRequest')));
  router.get('/dataSets', listDatasetsRoute(state, document));
  router.get('/dataSets/:id', withDataset(state, getDataset));
  router.delete('/dataSets/:id', withDataset(state, deleteDataset(state)));
  const server = await startApiServer(options, CATALOG_BASE_PATH, router, sendCatalogError);
  return {
    ...server,
    datasets: () => state.datasets.all(),
    createCounts: () => ({ ...state.creates }),
    findDataset: (id, scope) => state.datasets.get(id, scope),
  };
}
