import { z } from 'zod';
import type { UpstreamClient } from '../http/upstream-client.js';
import { parseJson } from '../http/parse-json.js';
import type { AdobeAccount } from '../config/adobe-account.js';
import { badAnswer, dataflowError } from './dataflow-errors.js';
import { HUBSPOT_CONNECTION_SPEC } from './hubspot-connection-spec.js';
import { PlatformApi, query } from './platform-api.js';

/** The Data Lake target and the CRM-to-AEP flow spec (https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/collect/marketing-automation). */
const DATA_LAKE_SPEC = Object.freeze({ id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' });
const CRM_FLOW_SPEC = Object.freeze({ id: '14518937-270c-4525-bdec-c2ba7cce3860', version: '1.0' });

export interface ExploredColumn {
  name: string;
  type?: string;
  xdmType?: string;
}

export interface FlowInput {
  name: string;
  description: string;
  sourceConnectionId: string;
  targetConnectionId: string;
  deltaColumn: string;
  mapping: { id: string; version: number };
  schedule: { startTime: number; frequency: string; interval: number; backfill: boolean };
}

export interface ExistingFlow {
  id: string;
  etag?: string;
  state?: string;
  startTime?: number;
}

export interface RunSummary {
  status: string;
  records?: number;
}

const created = z.object({ id: z.string().min(1), etag: z.string().optional() }).loose();
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) }).loose();
const rootItem = z.object({ name: z.string(), path: z.string().optional() }).loose();
const tableDetail = z
  .object({
    schema: z.object({
      columns: z.array(z.object({ name: z.string(), type: z.string().optional(), 'meta:xdmType': z.string().optional() }).loose()),
    }),
  })
  .loose();
const sourceItem = z.object({ id: z.string(), params: z.object({ path: z.string().optional() }).loose().optional() }).loose();
const flowItem = z
  .object({
    id: z.string(),
    etag: z.string().optional(),
    state: z.string().optional(),
    scheduleParams: z.object({ startTime: z.coerce.number().optional() }).loose().optional(),
  })
  .loose();
// The OpenAPI spells `activites` and omits the docs' `errors`: parse leniently, read only the status.
const runItem = z
  .object({
    metrics: z
      .object({
        statusSummary: z.object({ status: z.string().optional() }).loose().optional(),
        recordSummary: z.object({ outputRecordCount: z.coerce.number().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** Flow Service's dataflow side: explore a table, source and target connections, flows and their runs. */
export class FlowServiceDataflows extends PlatformApi {
  constructor(http: UpstreamClient, account: AdobeAccount, sandbox: string, baseUrl: string) {
    super(http, account, sandbox, baseUrl);
  }

  /** The table paths of the connection's explore root. Safe to retry. */
  async exploreRoot(token: string, connectionId: string): Promise<string[]> {
    const res = await this.#get(token, `/connections/${encodeURIComponent(connectionId)}/explore?objectType=root`, 'explore root');
    return (parseJson(res.text, z.array(rootItem)) ?? raise('explore root')).map((t) => t.path ?? t.name);
  }

  /** One table's columns (`objectType=table&object=…`). Safe to retry. */
  async exploreTable(token: string, connectionId: string, table: string): Promise<ExploredColumn[]> {
    const q = query([
      ['objectType', 'table'],
      ['object', table],
    ]);
    const res = await this.#get(token, `/connections/${encodeURIComponent(connectionId)}/explore?${q}`, 'explore table');
    const detail = parseJson(res.text, tableDetail) ?? raise('explore table');
    return detail.schema.columns.map((c) => ({
      name: c.name,
      ...(c.type ? { type: c.type } : {}),
      ...(c['meta:xdmType'] ? { xdmType: c['meta:xdmType'] } : {}),
    }));
  }

  /** The source connection on `baseConnectionId` reading `path` (filter, then match on `params.path`). Safe to retry. */
  async findSourceConnection(token: string, baseConnectionId: string, path: string): Promise<string | undefined> {
    const res = await this.#get(
      token,
      `/sourceConnections?${query([['property', `baseConnectionId==${baseConnectionId}`]])}`,
      'list source connections',
    );
    return (parseJson(res.text, items(sourceItem)) ?? raise('list source connections')).items.find((s) => s.params?.path === path)?.id;
  }

  async createSourceConnection(
    token: string,
    input: { name: string; description: string; baseConnectionId: string; path: string },
  ): Promise<string> {
    return this.#create(token, '/sourceConnections', 'create source connection', {
      name: input.name,
      description: input.description,
      baseConnectionId: input.baseConnectionId,
      data: { format: 'tabular' },
      params: { path: input.path },
      connectionSpec: HUBSPOT_CONNECTION_SPEC,
    });
  }

  /** The Data Lake target connection writing to `dataSetId`. Safe to retry. */
  async findTargetConnection(token: string, dataSetId: string): Promise<string | undefined> {
    const res = await this.#get(
      token,
      `/targetConnections?${query([['property', `params.dataSetId==${dataSetId}`]])}`,
      'list target connections',
    );
    return (parseJson(res.text, items(z.object({ id: z.string() }).loose())) ?? raise('list target connections')).items[0]?.id;
  }

  async createTargetConnection(
    token: string,
    input: { name: string; description: string; schemaId: string; dataSetId: string },
  ): Promise<string> {
    // No `data.format`: the CRM, marketing and template pages omit it, and the pages that set it disagree.
    return this.#create(token, '/targetConnections', 'create target connection', {
      name: input.name,
      description: input.description,
      data: { schema: { id: input.schemaId, version: 'application/vnd.adobe.xed-full+json;version=1' } },
      params: { dataSetId: input.dataSetId },
      connectionSpec: DATA_LAKE_SPEC,
    });
  }

  /** The flow reading this source connection (`sourceConnectionIds[]==…`). Safe to retry. */
  async findFlow(token: string, sourceConnectionId: string): Promise<ExistingFlow | undefined> {
    const res = await this.#get(token, `/flows?${query([['property', `sourceConnectionIds[]==${sourceConnectionId}`]])}`, 'list flows');
    const flow = (parseJson(res.text, items(flowItem)) ?? raise('list flows')).items[0];
    if (!flow) return undefined;
    const startTime = flow.scheduleParams?.startTime;
    return {
      id: flow.id,
      ...(flow.etag ? { etag: flow.etag } : {}),
      ...(flow.state ? { state: flow.state } : {}),
      ...(startTime ? { startTime } : {}),
    };
  }

  /**
   * POST /flows?mode=draft (https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/draft).
   * Where the service refuses the mode (1368-400, "Mode is not allowed in flow request"), the flow is created without it.
   */
  async createDraftFlow(token: string, input: FlowInput): Promise<string> {
    const body = {
      name: input.name,
      description: input.description,
      flowSpec: CRM_FLOW_SPEC,
      sourceConnectionIds: [input.sourceConnectionId],
      targetConnectionIds: [input.targetConnectionId],
      transformations: [
        { name: 'Copy', params: { deltaColumn: { name: input.deltaColumn, dateFormat: 'yyyy-MM-dd HH:mm:ss', timezone: 'UTC' } } },
        // A string version and integer seconds with a string interval: the OpenAPI and the runtime flow spec agree on these.
        { name: 'Mapping', params: { mappingId: input.mapping.id, mappingVersion: String(input.mapping.version) } },
      ],
      scheduleParams: { ...input.schedule, interval: String(input.schedule.interval) },
    };
    try {
      return await this.#create(token, '/flows?mode=draft', 'create flow', body);
    } catch (err) {
      if (!String((err as { details?: { adobeCode?: unknown } }).details?.adobeCode ?? '').endsWith('1368-400')) throw err;
      return this.#create(token, '/flows', 'create flow', body);
    }
  }

  /** Publishes a draft (`op=publish`, lowercase and without `subOp`, as the docs show). The caller checks the state first. */
  async publishFlow(token: string, flowId: string): Promise<void> {
    const path = `/flows/${encodeURIComponent(flowId)}/action?op=publish`;
    const res = await this.send(token, { method: 'POST', path, retries: 2, retryWhen: 'throttled' });
    if (res.status !== 200 && res.status !== 202) throw dataflowError('flow-service', res.status, res.text, 'publish flow');
  }

  /** The flow's runs, newest first as Flow Service lists them. Safe to retry. */
  async listRuns(token: string, flowId: string): Promise<RunSummary[]> {
    const res = await this.#get(token, `/runs?${query([['property', `flowId==${flowId}`]])}`, 'list runs');
    return (parseJson(res.text, items(runItem)) ?? raise('list runs')).items.map((r) => ({
      status: r.metrics?.statusSummary?.status ?? 'unknown',
      ...(r.metrics?.recordSummary?.outputRecordCount !== undefined ? { records: r.metrics.recordSummary.outputRecordCount } : {}),
    }));
  }

  async #get(token: string, path: string, operation: string) {
    const res = await this.send(token, { method: 'GET', path, retries: 2 });
    if (res.status !== 200) throw dataflowError('flow-service', res.status, res.text, operation);
    return res;
  }

  async #create(token: string, path: string, operation: string, body: unknown): Promise<string> {
    return (await this.createObject(token, 'flow-service', { path, body, operation, answer: created })).id;
  }
}

function raise(operation: string): never {
  throw badAnswer('flow-service', operation);
}
