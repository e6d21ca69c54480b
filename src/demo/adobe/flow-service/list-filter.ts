import type { FlowFailure } from './error-catalog.js';

/** One `property=` expression: `field==a,b` (value is a OR b) or `field!=a,b` (neither a nor b). */
export interface PropertyFilter {
  field: string;
  negate: boolean;
  values: string[];
}

/**
 * The fields a list can be filtered on, each read from an item as a value or, for `…[]` fields such as the
 * sort-and-filter guide's `sourceConnectionIds[]`, as an array that matches when any element does.
 */
export type FilterFields<T> = Readonly<Record<string, (item: T) => string | readonly string[] | undefined>>;

/** Operators the guide lists for ordered fields; none of the filterable fields here is ordered. */
const ORDERING_OPERATORS = ['<', '>', '<=', '>='];

/**
 * Parses one `property` value. Errors use the catalog's filter codes (docs/reference/adobe-flow-service.md §2.3): 1449 unknown
 * field, 1450 unknown operator, 1448 operator not supported for the field, 1453 malformed expression.
 */
export function parsePropertyFilter(expression: string, fields: FilterFields<never>): PropertyFilter | FlowFailure {
  const match = /^([A-Za-z_][\w.]*(?:\[\])?)([=!<>~]+)(.*)$/s.exec(expression);
  if (!match) return { code: '1453-400', detail: `Invalid query value ${expression} provided in query param.` };
  const [, field = '', operator = '', rawValues = ''] = match;
  if (!Object.hasOwn(fields, field)) return { code: '1449-400', detail: `Invalid field ${field} in filter params.` };
  if (ORDERING_OPERATORS.includes(operator)) {
    return { code: '1448-400', detail: `Operator ${operator} not supported for field ${field}.` };
  }
  if (operator !== '==' && operator !== '!=') {
    return { code: '1450-400', detail: `Invalid operator ${operator} in filter params.` };
  }
  // Values may be quoted, as in the docs' `property=name=="hubspot"` (docs/reference/adobe-flow-service.md §1.2, §1.5).
  const values = rawValues.split(',').map((v) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v));
  if (values.some((v) => v === '')) {
    return { code: '1453-400', detail: `Invalid query value ${expression} provided in query param.` };
  }
  return { field, negate: operator === '!=', values };
}

/** Repeated `property` parameters are ANDed (docs/reference/adobe-flow-service.md §2.3). */
export function matchesAll<T>(item: T, filters: readonly PropertyFilter[], fields: FilterFields<T>): boolean {
  return filters.every((filter) => {
    const value = fields[filter.field]?.(item);
    const candidates = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    const hit = candidates.some((candidate) => filter.values.includes(candidate));
    return filter.negate ? !hit : hit;
  });
}
