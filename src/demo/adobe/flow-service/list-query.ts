import type { FlowFailure } from './error-catalog.js';
import { parsePropertyFilter, type FilterFields, type PropertyFilter } from './list-filter.js';

/** List query parameters (APIS `listConnections`, `listFlows`, `listFlowRuns`…; docs/reference/adobe-flow-service.md §2.3). */
export interface ListQuery {
  filters: PropertyFilter[];
  order?: { field: SortField; descending: boolean };
  limit?: number;
  /** Decoded from `continuationToken`: how many matching items earlier pages returned. */
  offset: number;
  count: boolean;
}

const KNOWN_PARAMS = ['property', 'limit', 'orderby', 'continuationToken', 'count'];
const SORT_FIELDS = ['name', 'createdAt', 'updatedAt', 'id'] as const;
type SortField = (typeof SORT_FIELDS)[number];
const isSortField = (field: string): field is SortField => (SORT_FIELDS as readonly string[]).includes(field);

/** 1451 is the catalog's "Invalid params testParam provided in query params." (docs/reference/adobe-flow-service.md §2.3). */
const invalidParam = (name: string, value: string): FlowFailure => ({
  code: '1451-400',
  detail: `Invalid params ${name}=${value} provided in query params.`,
});

/** Opaque to clients; the simulator keeps only the offset in it. */
export function encodeContinuationToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeContinuationToken(token: string): number | undefined {
  try {
    const { o } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    return Number.isSafeInteger(o) && (o as number) >= 0 ? (o as number) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `orderby=name|+name|-name` (docs/reference/adobe-flow-service.md §2.3). A `+` sent unencoded in a query string decodes to a
 * space, so a leading space also means ascending. 1432 is a bad direction prefix, 1433 a bad field.
 */
function parseOrderBy(value: string): NonNullable<ListQuery['order']> | FlowFailure {
  const prefixed = /^[ +-]/.test(value);
  const field = prefixed ? value.slice(1) : value;
  if (!/^[A-Za-z]/.test(field)) {
    return {
      code: '1432-400',
      detail: 'Sort order specified is not correct, prepend + for ascending order and - for descending order in the fieldName.',
    };
  }
  if (!isSortField(field)) {
    return { code: '1433-400', detail: `Incorrect field= ${field} passed in orderBy, example are +name, -name, name.` };
  }
  return { field, descending: value.startsWith('-') };
}

export function parseListQuery(params: URLSearchParams, fields: FilterFields<never>): ListQuery | FlowFailure {
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    if (!KNOWN_PARAMS.includes(name) || (name !== 'property' && values.length > 1)) {
      return invalidParam(name, values.join(','));
    }
  }
  if (params.has('limit') && params.has('count')) {
    return {
      code: '1401-400',
      detail:
        'The limit and count parameters cannot be given together in the same request. Please provide either only the limit or the count parameter and try again.',
    };
  }
  const query: ListQuery = { filters: [], offset: 0, count: false };
  for (const expression of params.getAll('property')) {
    const filter = parsePropertyFilter(expression, fields);
    if ('code' in filter) return filter;
    query.filters.push(filter);
  }
  const orderby = params.get('orderby');
  if (orderby !== null) {
    const order = parseOrderBy(orderby);
    if ('code' in order) return order;
    query.order = order;
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^[1-9]\d{0,5}$/.test(limit)) return invalidParam('limit', limit);
    query.limit = Number(limit);
  }
  const count = params.get('count');
  if (count !== null) {
    if (count !== 'true' && count !== 'false') return invalidParam('count', count);
    query.count = count === 'true';
  }
  const token = params.get('continuationToken');
  if (token !== null) {
    const offset = decodeContinuationToken(token);
    if (offset === undefined) return invalidParam('continuationToken', token);
    query.offset = offset;
  }
  return query;
}

/** What can be sorted on: runs have no name, and sort as if it were empty. */
export interface Sortable {
  id: string;
  name?: string | undefined;
  createdAt: number;
  updatedAt: number;
}

/** Stable sort, so equal keys keep creation order (the default order). */
export function sortItems<T extends Sortable>(items: T[], order: ListQuery['order']): T[] {
  if (!order) return items;
  const sign = order.descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = a[order.field] ?? '';
    const y = b[order.field] ?? '';
    return x === y ? 0 : (x < y ? -1 : 1) * sign;
  });
}
