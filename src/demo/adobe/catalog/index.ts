import { Router } from 'express';
import { gateway } from '../platform/gateway.js';
import { requireJsonContentType } from '../platform/json-request.js';
import { loadOpenApiDocument } from '../platform/openapi-document.js';
import { rejectSandboxAs } from '../platform/platform-error.js';
import { startPlatformServer } from '../platform/platform-server.js';
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
  const router = Router();
  router.use(
    gateway({ verify: (token) => options.ims.verify(token), sandboxes: [...(options.sandboxes ?? ['prod'])] }, rejectSandboxAs('CAT')),
  );
  router.use(requireJsonContentType());
  router.post('/dataSets', createDatasetRoute(state, document.validator('dataSetRequest')));
  router.get('/dataSets', listDatasetsRoute(state, document));
  router.get('/dataSets/:id', withDataset(state, getDataset));
  router.delete('/dataSets/:id', withDataset(state, deleteDataset(state)));
  const server = await startPlatformServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    basePath: CATALOG_BASE_PATH,
    router,
    notFound: (req, res) => sendCatalogError(req, res, 404, `The resource ${req.method} ${req.path} was not found.`),
    internalError: (req, res, error) => sendCatalogError(req, res, 500, `An internal error occurred (${String(error)}).`),
  });
  return {
    ...server,
    datasets: () => state.datasets.all(),
    createCounts: () => ({ ...state.creates }),
    findDataset: (id, scope) => state.datasets.get(id, scope),
  };
}
