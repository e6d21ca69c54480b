import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import type { ConnectionStore } from './connection-store.js';
import { toConnectionItem } from './connection-view.js';
import { sendFlowFailure } from './flow-error.js';
import { callerOf } from './gateway.js';
import { matchesAll } from './list-filter.js';
import { encodeContinuationToken, parseListQuery, sortConnections } from './list-query.js';

/**
 * `GET /connections` (docs/reference/adobe-flow-service.md §2.3): `{items}` of masked connections in the caller's org and
 * sandbox, or `{count}` with `count=true`.
 */
export function listConnectionsRoute(store: ConnectionStore): RequestHandler {
  return (req: Request, res: Response) => {
    const search = rawQueryOf(req);
    const query = parseListQuery(search);
    if ('code' in query) return sendFlowFailure(req, res, query);

    const { orgId, sandboxName } = callerOf(res);
    const matching = store.inScope({ orgId, sandboxName }).filter((c) => matchesAll(c, query.filters));
    if (query.count) return void res.json({ count: matching.length });

    const ordered = sortConnections(matching, query.order);
    const end = query.limit === undefined ? ordered.length : query.offset + query.limit;
    const body: Record<string, unknown> = { items: ordered.slice(query.offset, end).map(toConnectionItem) };
    if (end < ordered.length) {
      // [INFERRED] `_links.next.href` as in FlowListResponse, relative to the API base path like the
      // spec's PageLink example `/connections?continuationToken=…` (docs/reference/adobe-flow-service.md §2.3).
      search.set('continuationToken', encodeContinuationToken(end));
      body['_links'] = { next: { href: `/connections?${search.toString()}` } };
    }
    res.json(body);
  };
}
