import type { RequestHandler } from 'express';
import { callerOf } from '../platform/gateway.js';
import type { BodyValidator } from '../platform/openapi-document.js';
import { sendCreated } from './create-connection.js';
import { providerRejection } from './error-catalog.js';
import { sendFlowError, sendFlowFailure } from './flow-error.js';
import type { FlowServiceStores } from './flow-stores.js';
import { isHubSpotTable } from './hubspot-tables.js';
import type { FilterFields } from './list-filter.js';
import { validBodyOf } from './request-body.js';
import { metaView, newResourceMeta, versionView } from './resource-meta.js';
import type { StoredSourceConnection } from './types.js';

/** The body once it satisfies `CreateSourceConnectionRequest`. */
interface CreateSourceConnectionBody {
  name: string;
  description?: string;
  baseConnectionId?: string;
  data: { format?: string };
  params?: { path?: string };
  connectionSpec: { id: string; version: string };
}

/** Fields the sort-and-filter guide filters source connections on (EN `dataflows/api/sort-and-filter.md`). */
export const SOURCE_CONNECTION_FILTER_FIELDS: FilterFields<StoredSourceConnection> = {
  id: (s) => s.id,
  name: (s) => s.name,
  description: (s) => s.description,
  state: (s) => s.state,
  baseConnectionId: (s) => s.baseConnectionId,
  'connectionSpec.id': (s) => s.connectionSpec.id,
  'params.path': (s) => s.params.path,
};

export function toSourceConnectionItem(source: StoredSourceConnection): Record<string, unknown> {
  return {
    ...metaView(source),
    name: source.name,
    ...(source.description === undefined ? {} : { description: source.description }),
    baseConnectionId: source.baseConnectionId,
    state: source.state,
    data: { ...source.data },
    params: { ...source.params },
    connectionSpec: { ...source.connectionSpec },
    ...versionView(source),
  };
}

/**
 * `POST /sourceConnections` (HubSpot dataflow tutorial, docs/reference/adobe-dataflow.md §1 row 4): a table of a base
 * connection in the caller's scope. Beyond the OpenAPI schema, the tutorial's rules: the base connection exists, the
 * connection spec is the base connection's, `data.format` is `tabular` and `params.path` a table explore lists.
 */
export function createSourceConnectionRoute(stores: FlowServiceStores, validateBody: BodyValidator): RequestHandler {
  return (req, res) => {
    const body = validBodyOf<CreateSourceConnectionBody>(req, res, validateBody);
    if (!body) return;
    const caller = callerOf(res);
    const base = body.baseConnectionId === undefined ? undefined : stores.connections.get(body.baseConnectionId, caller);
    if (!base) {
      return sendFlowFailure(
        req,
        res,
        providerRejection(`baseConnectionId ${body.baseConnectionId ?? '(missing)'} is not a connection of this sandbox.`),
      );
    }
    if (body.connectionSpec.id !== base.connectionSpec.id || body.connectionSpec.version !== base.connectionSpec.version) {
      return sendFlowError(
        req,
        res,
        '1413-400',
        `The spec ID provided is invalid: the base connection ${base.id} uses connection spec ${base.connectionSpec.id} version ${base.connectionSpec.version}.`,
      );
    }
    if (body.data.format !== 'tabular') {
      return sendFlowFailure(
        req,
        res,
        providerRejection(`data.format must be 'tabular' for connection spec hubspot, not '${body.data.format ?? ''}'.`),
      );
    }
    const path = body.params?.path;
    if (path === undefined || !isHubSpotTable(path)) {
      return sendFlowFailure(req, res, providerRejection(`params.path '${path ?? ''}' is not a table of the connection.`));
    }
    const source: StoredSourceConnection = {
      ...newResourceMeta(caller),
      name: body.name,
      ...(body.description === undefined ? {} : { description: body.description }),
      baseConnectionId: base.id,
      data: { format: body.data.format },
      params: { path },
      connectionSpec: { ...body.connectionSpec },
      state: 'enabled',
    };
    stores.sourceConnections.add(source);
    stores.creates.sourceConnections += 1;
    sendCreated(req, res, 'sourceConnections', source);
  };
}
