import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import type { ScopedStore } from '../platform/scoped-store.js';
import type { FlowServiceStores } from './flow-stores.js';
import { sendFlowError, sendFlowFailure, sendNotFound } from './flow-error.js';
import { matchesAll, type FilterFields } from './list-filter.js';
import { encodeContinuationToken, parseListQuery, sortItems, type Sortable } from './list-query.js';
import type { ResourceMeta } from './resource-meta.js';

type Resource = ResourceMeta & Sortable;
export type ResourceHandler<T> = (req: Request, res: Response, resource: T) => void;

/** Resolves `:id` of `kind` in the caller's org and sandbox; anything else is a 404. */
export function withResource<T extends Resource>(store: ScopedStore<T>, kind: string, handle: ResourceHandler<T>): RequestHandler {
  return (req: Request, res: Response) => {
    const id = String(req.params['id']);
    const resource = store.get(id, callerOf(res));
    if (!resource) return sendNotFound(req, res, kind, id);
    handle(req, res, resource);
  };
}

/** `GET /{kind}/{id}`: wrapped in `items` even for one id (docs/reference/adobe-flow-service.md §2.2). */
export function getItem<T>(toItem: (resource: T) => Record<string, unknown>): ResourceHandler<T> {
  return (_req, res, resource) => void res.json({ items: [toItem(resource)] });
}

/**
 * `DELETE /{kind}/{id}`: 204 with no body, or 1418 while a flow uses the resource (docs/reference/adobe-flow-service.md §2.5;
 * Adobe's delete tutorials say to delete the dataflow first, docs/reference/adobe-dataflow.md §4).
 */
export function deleteItem<T extends Resource>(stores: FlowServiceStores, store: ScopedStore<T>, noun: string): ResourceHandler<T> {
  return (req, res, resource) => {
    const flagged = (resource as { usedByFlows?: boolean }).usedByFlows === true;
    if (flagged || stores.flowsUsing(resource.id, callerOf(res)).length > 0) {
      return sendFlowError(
        req,
        res,
        '1418-400',
        `The ${noun} with the ID ${resource.id} cannot be deleted because the ${noun} is being used in one or more flows. Please ensure that corresponding flows are deleted before deleting a ${noun}.`,
      );
    }
    store.delete(resource.id);
    res.status(204).end();
  };
}

/**
 * `GET /{kind}` (docs/reference/adobe-flow-service.md §2.3): `{items}` in the caller's org and sandbox, filtered by
 * `property`, or `{count}` with `count=true`.
 */
export function listItems<T extends Resource>(
  store: ScopedStore<T>,
  kind: string,
  fields: FilterFields<T>,
  toItem: (resource: T) => Record<string, unknown>,
): RequestHandler {
  return (req: Request, res: Response) => {
    const search = rawQueryOf(req);
    const query = parseListQuery(search, fields);
    if ('code' in query) return sendFlowFailure(req, res, query);

    const matching = store.inScope(callerOf(res)).filter((item) => matchesAll(item, query.filters, fields));
    if (query.count) return void res.json({ count: matching.length });

    const ordered = sortItems(matching, query.order);
    const end = query.limit === undefined ? ordered.length : query.offset + query.limit;
    const body: Record<string, unknown> = { items: ordered.slice(query.offset, end).map(toItem) };
    if (end < ordered.length) {
      // [INFERRED] `_links.next.href` as in FlowListResponse, relative to the API base path like the
      // spec's PageLink example `/connections?continuationToken=…` (docs/reference/adobe-flow-service.md §2.3).
      search.set('continuationToken', encodeContinuationToken(end));
      body['_links'] = { next: { href: `/${kind}?${search.toString()}` } };
    }
    res.json(body);
  };
}
