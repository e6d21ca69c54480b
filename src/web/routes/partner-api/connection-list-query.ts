import { z } from 'zod';
import { invalidRequest } from './invalid-fields.js';
import { cursorParam, DEFAULT_LIMIT, limitParam } from './list-params.js';
import { CONNECTION_STATUSES, type ConnectionQuery, type ConnectionStatus } from '../../../registry/connection-registry.js';

const one = z.string().min(1).max(256);
const query = z.strictObject({
  partner_user_id: one.optional(),
  status: z.enum(CONNECTION_STATUSES as [ConnectionStatus, ...ConnectionStatus[]]).optional(),
  limit: limitParam,
  starting_after: cursorParam,
});

/** `GET /api/v1/connections` query for one partner; anything unknown, repeated or out of range is a 400 naming it. */
export function parseConnectionListQuery(input: Record<string, unknown>, partnerId: string): ConnectionQuery {
  const parsed = query.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error, 'connections query', 'query');
  const q = parsed.data;
  return {
    partnerId,
    limit: q.limit ?? DEFAULT_LIMIT,
    ...(q.partner_user_id !== undefined ? { partnerUserId: q.partner_user_id } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.starting_after !== undefined ? { startingAfter: q.starting_after } : {}),
  };
}
