import type { FlowFailure } from './error-catalog.js';
import type { StoredConnection } from './types.js';

/** One `property=` expression: `field==a,b` (value is a OR b) or `field!=a,b` (neither a nor b). */
export interface PropertyFilter {
  field: FilterField;
  negate: boolean;
  values: string[];
}

/** Fields the sort-and-filter guide shows for connections (docs/reference/adobe-flow-service.md §2.3), as dotted paths. */
const FILTER_FIELDS = ['id', 'name', 'description', 'state', 'connectionSpec.id', 'auth.specName'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

const isFilterField = (field: string): field is FilterField => (FILTER_FIELDS as readonly string[]).includes(field);

/** Operators the guide lists for ordered fields; none of the filterable fields here is ordered. */
const ORDERING_OPERATORS = ['<', '>', '<=', '>='];

/**
 * Parses one `property` value. Errors use the catalog's filter codes (docs/reference/adobe-flow-service.md §2.3): 1449 unknown
 * field, 1450 unknown operator, 1448 operator not supported for the field, 1453 malformed expression.
 */
export function parsePropertyFilter(expression: string): PropertyFilter | FlowFailure {
  const match = /^([A-Za-z_][\w.]*)([=!<>~]+)(.*)$/s.exec(expression);
  if (!match) return { code: '1453-400', detail: `Invalid query value ${expression} provided in query param.` };
  const [, field = '', operator = '', rawValues = ''] = match;
  if (!isFilterField(field)) return { code: '1449-400', detail: `Invalid field ${field} in filter params.` };
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

function valueAt(connection: StoredConnection, field: FilterField): string | undefined {
  switch (field) {
    case 'connectionSpec.id':
      return connection.connectionSpec.id;
    case 'auth.specName':
      return connection.auth.specName;
    default:
      return connection[field];
  }
}

/** Repeated `property` parameters are ANDed (docs/reference/adobe-flow-service.md §2.3). */
export function matchesAll(connection: StoredConnection, filters: readonly PropertyFilter[]): boolean {
  return filters.every((filter) => {
    const value = valueAt(connection, filter.field);
    const hit = value !== undefined && filter.values.includes(value);
    return filter.negate ? !hit : hit;
  });
}
