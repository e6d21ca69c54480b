import { z } from 'zod';
import type { UpstreamClient } from '../http/upstream-client.js';
import { parseJson } from '../http/parse-json.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { badAnswer, dataflowError } from './dataflow-errors.js';
import { PlatformApi, query } from './platform-api.js';

export interface DataSetFacts {
  id: string;
  name?: string;
  schemaId?: string;
}

/** Catalog answers datasets as an object keyed by id (https://experienceleague.adobe.com/en/docs/experience-platform/catalog/api/list-objects). */
const dataSetMap = z.record(
  z.string(),
  z.object({ name: z.string().optional(), schemaRef: z.object({ id: z.string().optional() }).loose().optional() }).loose(),
);
/** A create answers `["@/dataSets/{id}"]`. */
const created = z.array(z.string()).min(1);

/** Catalog Service datasets (https://experienceleague.adobe.com/en/docs/experience-platform/catalog/api/create-dataset). */
export class CatalogClient extends PlatformApi {
  constructor(http: UpstreamClient, account: AdobeAccount, sandbox: string, baseUrl: string) {
    super(http, account, sandbox, baseUrl);
  }

  /** The dataset whose description is exactly our marker. Safe to retry. */
  async findDataSetByDescription(token: string, description: string): Promise<DataSetFacts | undefined> {
    const res = await this.send(token, {
      method: 'GET',
      path: `/dataSets?${query([
        ['description', description],
        ['properties', 'name,schemaRef'],
      ])}`,
      retries: 2,
    });
    if (res.status !== 200) throw dataflowError('catalog', res.status, res.text, 'list datasets');
    return facts(parseJson(res.text, dataSetMap) ?? raise('list datasets'))[0];
  }

  /** One dataset by id, with its schema. Safe to retry. */
  async getDataSet(token: string, id: string): Promise<DataSetFacts | undefined> {
    const res = await this.send(token, { method: 'GET', path: `/dataSets/${encodeURIComponent(id)}`, retries: 2 });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw dataflowError('catalog', res.status, res.text, 'look up dataset');
    return facts(parseJson(res.text, dataSetMap) ?? raise('look up dataset')).find((d) => d.id === id);
  }

  /** POST /dataSets for a schema, optionally enabled for Profile and Identity. Only a 429 is repeated. */
  async createDataSet(token: string, input: { name: string; description: string; schemaId: string; profile: boolean }): Promise<string> {
    const body = {
      name: input.name,
      description: input.description,
      schemaRef: { id: input.schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' },
      ...(input.profile ? { tags: { unifiedProfile: ['enabled: true'], unifiedIdentity: ['enabled: true'] } } : {}),
    };
    const [ref] = await this.createObject(token, 'catalog', { path: '/dataSets', body, operation: 'create dataset', answer: created });
    // The prose spells `@/datasets/`, the example `@/dataSets/`: strip either.
    const id = ref?.replace(/^@\/datasets\//i, '');
    if (!id || id.includes('/')) throw badAnswer('catalog', 'create dataset');
    return id;
  }
}

function facts(map: z.infer<typeof dataSetMap>): DataSetFacts[] {
  return Object.entries(map).map(([id, d]) => ({
    id,
    ...(d.name ? { name: d.name } : {}),
    ...(d.schemaRef?.id ? { schemaId: d.schemaRef.id } : {}),
  }));
}

function raise(operation: string): never {
  throw badAnswer('catalog', operation);
}
