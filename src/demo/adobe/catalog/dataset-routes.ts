import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import { readJsonBody } from '../platform/json-request.js';
import type { BodyValidator, OpenApiDocument } from '../platform/openapi-document.js';
import type { PlatformPeers } from '../platform/peers.js';
import { propertyFilter } from '../platform/property-filter.js';
import type { ScopedStore } from '../platform/scoped-store.js';
import { sendCatalogError } from './catalog-error.js';
import { propertiesOf, toDatasetView } from './dataset-view.js';
import type { StoredDataset } from './types.js';

interface DatasetBody {
  name?: string;
  description?: string;
  schemaRef?: { id?: string; contentType?: string };
  tags?: Record<string, string[]>;
}

export interface CatalogState {
  datasets: ScopedStore<StoredDataset>;
  creates: { dataSets: number };
  peers: PlatformPeers;
}

/** The three `contentType` forms Adobe's pages write (docs/reference/adobe-dataflow.md, conflicts table), all accepted. */
const CONTENT_TYPE = /^application\/vnd\.adobe\.xed(-full)?\+json;\s?version=1(\.0)?$/;
/** Profile tags take `enabled: true|false` (https://experienceleague.adobe.com/en/docs/experience-platform/profile/tutorials/dataset-configuration). */
const PROFILE_TAGS = ['unifiedProfile', 'unifiedIdentity'];

function datasetProblem(body: DatasetBody, peers: PlatformPeers, scope: { orgId: string; sandboxName: string }): string | undefined {
  if (!body.name?.trim()) return 'A dataset needs a name.';
  const { id, contentType } = body.schemaRef ?? {};
  if (!id || !contentType) return 'schemaRef needs an id and a contentType.';
  if (!CONTENT_TYPE.test(contentType)) return `schemaRef.contentType '${contentType}' is not an XDM content type of version 1.`;
  const schema = peers.schema?.(id, scope);
  if (peers.schema && !schema) return `The schema ${id} does not exist.`;
  for (const tag of PROFILE_TAGS) {
    const values = body.tags?.[tag];
    if (values === undefined) continue;
    if (values.length !== 1 || !/^enabled:\s?(true|false)$/.test(values[0] ?? ''))
      return `The tag ${tag} takes ["enabled: true"] or ["enabled: false"].`;
    if (values[0]?.endsWith('true') && schema && !schema.unionEnabled)
      return `The schema ${id} is not enabled for Profile (union), so the dataset cannot be.`;
  }
  return undefined;
}

/** `POST /dataSets` (https://experienceleague.adobe.com/en/docs/experience-platform/catalog/api/create-dataset): 201 `["@/dataSets/{id}"]`. */
export function createDatasetRoute(state: CatalogState, validate: BodyValidator): RequestHandler {
  return (req, res) => {
    const parsed = readJsonBody(req, res, () => sendCatalogError(req, res, 400, 'The request body is missing.'));
    if (!parsed) return;
    const invalid = validate(parsed.value);
    if (invalid !== undefined) return sendCatalogError(req, res, 400, `The request payload is invalid: ${invalid}.`);
    const body = parsed.value as DatasetBody;
    const caller = callerOf(res);
    const problem = datasetProblem(body, state.peers, caller);
    if (problem) return sendCatalogError(req, res, 400, problem);
    const now = Date.now();
    const dataset: StoredDataset = {
      id: randomBytes(12).toString('hex'),
      imsOrgId: caller.orgId,
      sandboxName: caller.sandboxName,
      name: body.name ?? '',
      ...(body.description === undefined ? {} : { description: body.description }),
      schemaRef: { id: body.schemaRef?.id ?? '', contentType: body.schemaRef?.contentType ?? '' },
      tags: structuredClone(body.tags ?? {}),
      created: now,
      updated: now,
      createdClient: caller.token.clientId,
    };
    state.datasets.add(dataset);
    state.creates.dataSets += 1;
    res
      .status(201)
      .location(`${req.baseUrl}/dataSets/${dataset.id}`)
      .json([`@/dataSets/${dataset.id}`]);
  };
}

/**
 * `GET /dataSets`: an object keyed by id. `name=` and `description=` match exactly, `property=` as in Catalog's
 * filtering guide, `properties=` picks members; `limit` at most 100 (Catalog's page cap, docs/reference/adobe-dataflow.md §4).
 */
export function listDatasetsRoute(state: CatalogState, document: OpenApiDocument): RequestHandler {
  const checkQuery = document.queryValidator('listDatasets');
  return (req, res) => {
    const query = rawQueryOf(req);
    const invalid = checkQuery(query);
    if (invalid) return sendCatalogError(req, res, 400, `Invalid ${invalid}.`);
    const limit = Number(query.get('limit') ?? 50);
    if (limit < 1 || limit > 100) return sendCatalogError(req, res, 400, `limit=${limit} must be between 1 and 100.`);
    const filter = propertyFilter(query.getAll('property'));
    if ('problem' in filter) return sendCatalogError(req, res, 400, filter.problem);
    const start = Number(query.get('start') ?? 0);
    const [name, description] = [query.get('name'), query.get('description')];
    const matching = state.datasets
      .inScope(callerOf(res))
      .filter((d) => (name === null || d.name === name) && (description === null || d.description === description))
      .filter((d) => filter(toDatasetView(d)))
      .slice(start, start + limit);
    const properties = propertiesOf(query);
    res.json(Object.fromEntries(matching.map((d) => [d.id, toDatasetView(d, properties)])));
  };
}

export function withDataset(state: CatalogState, handle: (req: Request, res: Response, dataset: StoredDataset) => void): RequestHandler {
  return (req, res) => {
    const dataset = state.datasets.get(String(req.params['id']), callerOf(res));
    if (!dataset) return sendCatalogError(req, res, 404, `The dataset ${String(req.params['id'])} was not found.`);
    handle(req, res, dataset);
  };
}

export const getDataset = (req: Request, res: Response, dataset: StoredDataset): void =>
  void res.json({ [dataset.id]: toDatasetView(dataset, propertiesOf(rawQueryOf(req))) });

/** `DELETE /dataSets/{id}`: 200 `["@/dataSets/{id}"]`, as the OpenAPI answers. */
export function deleteDataset(state: CatalogState) {
  return (_req: Request, res: Response, dataset: StoredDataset): void => {
    state.datasets.delete(dataset.id);
    res.json([`@/dataSets/${dataset.id}`]);
  };
}
