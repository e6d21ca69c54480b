import type { RequestHandler } from 'express';
import { callerOf } from '../platform/gateway.js';
import type { BodyValidator } from '../platform/openapi-document.js';
import type { PlatformPeers } from '../platform/peers.js';
import { sendCreated } from './create-connection.js';
import { providerRejection } from './error-catalog.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import type { FlowServiceStores } from './flow-stores.js';
import type { FilterFields } from './list-filter.js';
import { validBodyOf } from './request-body.js';
import { metaView, newResourceMeta, versionView } from './resource-meta.js';
import type { StoredTargetConnection } from './types.js';

/** The Data Lake connection spec every dataflow into a dataset targets (HubSpot dataflow tutorial). */
export const DATA_LAKE_CONNECTION_SPEC = { id: 'c604ff05-7f1a-43c0-8e18-33bf874cb11c', version: '1.0' };

/**
 * The schema content types Adobe's pages write for a target (docs/reference/adobe-dataflow.md, conflicts table):
 * `…xed-full+json;version=1` and `…;version=1.0`, with or without a space, are all accepted.
 */
const SCHEMA_VERSION = /^application\/vnd\.adobe\.xed(-full)?\+json;\s?version=1(\.0)?$/;
/** Omitted (CRM and marketing pages), `parquet_xdm` (streaming pages) or `tabular` (OpenAPI prose); never `parquet`. */
const TARGET_FORMATS = ['parquet_xdm', 'tabular'];

interface CreateTargetConnectionBody {
  name?: string;
  description?: string;
  data: { format?: string; schema?: { id?: string; version?: string } };
  params?: { dataSetId?: string };
  connectionSpec: { id?: string; version?: string };
}

export const TARGET_CONNECTION_FILTER_FIELDS: FilterFields<StoredTargetConnection> = {
  id: (t) => t.id,
  name: (t) => t.name,
  description: (t) => t.description,
  state: (t) => t.state,
  'connectionSpec.id': (t) => t.connectionSpec.id,
  'params.dataSetId': (t) => t.params.dataSetId,
  'data.schema.id': (t) => t.data.schema.id,
};

export function toTargetConnectionItem(target: StoredTargetConnection): Record<string, unknown> {
  return {
    ...metaView(target),
    ...(target.name === undefined ? {} : { name: target.name }),
    ...(target.description === undefined ? {} : { description: target.description }),
    state: target.state,
    data: { ...target.data, schema: { ...target.data.schema } },
    params: { ...target.params },
    connectionSpec: { ...target.connectionSpec },
    ...versionView(target),
  };
}

/** Why the body's schema and dataset cannot be a target, or undefined. */
function targetProblem(
  body: CreateTargetConnectionBody,
  peers: PlatformPeers,
  scope: { orgId: string; sandboxName: string },
): string | undefined {
  const schema = body.data.schema;
  if (!schema?.id || !schema.version) return 'data.schema needs an id and a version.';
  if (!SCHEMA_VERSION.test(schema.version)) return `data.schema.version '${schema.version}' is not an XDM content type of version 1.`;
  if (body.data.format !== undefined && !TARGET_FORMATS.includes(body.data.format)) {
    return `data.format '${body.data.format}' is not supported by the Data Lake.`;
  }
  const dataSetId = body.params?.dataSetId;
  if (!dataSetId) return 'params.dataSetId is required.';
  if (peers.schema && !peers.schema(schema.id, scope)) return `The schema ${schema.id} does not exist.`;
  if (peers.dataset) {
    const dataset = peers.dataset(dataSetId, scope);
    if (!dataset) return `The dataset ${dataSetId} does not exist.`;
    if (dataset.schemaId !== schema.id) return `The dataset ${dataSetId} does not use the schema ${schema.id}.`;
  }
  return undefined;
}

/** `POST /targetConnections` (HubSpot dataflow tutorial, docs/reference/adobe-dataflow.md §1 row 5). */
export function createTargetConnectionRoute(stores: FlowServiceStores, validateBody: BodyValidator, peers: PlatformPeers): RequestHandler {
  return (req, res) => {
    const body = validBodyOf<CreateTargetConnectionBody>(req, res, validateBody);
    if (!body) return;
    if (
      body.connectionSpec.id !== DATA_LAKE_CONNECTION_SPEC.id ||
      (body.connectionSpec.version ?? '1.0') !== DATA_LAKE_CONNECTION_SPEC.version
    ) {
      return sendFlowError(req, res, '1413-400', 'The spec ID provided is invalid. Please provide a valid spec ID and try again.');
    }
    const caller = callerOf(res);
    const problem = targetProblem(body, peers, caller);
    if (problem) return sendFlowFailure(req, res, providerRejection(problem));
    const target: StoredTargetConnection = {
      ...newResourceMeta(caller),
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description }),
      data: {
        ...(body.data.format === undefined ? {} : { format: body.data.format }),
        schema: { id: body.data.schema?.id ?? '', version: body.data.schema?.version ?? '' },
      },
      params: { dataSetId: body.params?.dataSetId ?? '' },
      connectionSpec: { ...DATA_LAKE_CONNECTION_SPEC },
      state: 'enabled',
    };
    stores.targetConnections.add(target);
    stores.creates.targetConnections += 1;
    sendCreated(req, res, 'targetConnections', target);
  };
}
