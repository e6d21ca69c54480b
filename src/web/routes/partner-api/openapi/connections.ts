import { ERROR_CODES, type ErrorCode } from '../../../../errors/error-codes.js';
import { CONNECTION_STATUSES } from '../../../../registry/connection-registry.js';
import { errorResponse, json, rateLimitedResponse, ref, type OpenApiPart } from './shared.js';

const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The AEP connection id (the `connection_id` of sessions and webhooks).',
} as const;
const nullable = (type: string, description?: string) => ({ type: [type, 'null'], ...(description ? { description } : {}) });
const unauthorized = errorResponse(401, 'Missing or unknown API key.', ['PARTNER_UNAUTHORIZED']);
const notFound = errorResponse(404, 'No such connection for this partner.', ['NOT_FOUND']);
/** Adobe's failures on a delete, by the status each code answers with. */
const adobeCodes = (status: number) =>
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => /^(AEP|ADOBE)_/.test(c) && ERROR_CODES[c].status === status);

/** The connections API: the partner's connections, as the registry keeps them. */
export const connectionsPart: OpenApiPart = {
  schemas: {
    Connection: {
      type: 'object',
      required: [
        'id',
        'hub_id',
        'hub_domain',
        'sandbox',
        'partner_user_id',
        'metadata',
        'status',
        'created_at',
        'updated_at',
        'last_error',
      ],
      additionalProperties: false,
      properties: {
        id: { type: 'string', description: 'The connection id: the HubSpot account in Experience Platform → Sources → Accounts.' },
        hub_id: { type: 'string', description: 'The HubSpot portal (hub) id, as a string.' },
        hub_domain: nullable('string'),
        sandbox: { type: 'string' },
        partner_user_id: nullable('string'),
        metadata: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
        status: {
          enum: CONNECTION_STATUSES,
          description: '`needs_reauth`: send the user through a reconnect session (`connection_id`); `deleted`: gone at Adobe.',
        },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        last_checked_at: nullable('string', 'When the health watch or check-now last asked Adobe (RFC 3339), or null.'),
        last_error: nullable(
          'string',
          'Why the status is what it is, or why the last check got no answer: an ErrorCode, or a HealthReason (the health watch’s cause).',
        ),
      },
    },
    HealthReason: {
      enum: ['credentials_rejected', 'grant_revoked', 'scopes_reduced', 'runs_failing', 'HEALTH_UNKNOWN'],
      description:
        'The health watch’s causes, as `last_error` carries them: Adobe’s test refused the credentials, HubSpot reports the grant revoked or its scopes reduced, the dataflow’s runs fail; `HEALTH_UNKNOWN` when a check could not decide.',
    },
    ConnectionList: {
      type: 'object',
      required: ['data', 'has_more'],
      additionalProperties: false,
      properties: {
        data: { type: 'array', items: ref('Connection'), description: 'Newest first.' },
        has_more: { type: 'boolean', description: 'Ask again with `starting_after` = the last id for the next page.' },
      },
    },
  },
  paths: {
    '/api/v1/connections': {
      get: {
        operationId: 'listConnections',
        tags: ['Partner API'],
        summary: 'List your connections',
        description: 'The connections made through your sessions, newest first, a page at a time.',
        parameters: [
          { name: 'partner_user_id', in: 'query', schema: { type: 'string' } },
          { name: 'status', in: 'query', schema: { enum: CONNECTION_STATUSES }, description: 'Without it, every status but `deleted`.' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'starting_after', in: 'query', schema: { type: 'string' }, description: 'The last id of the previous page.' },
        ],
        responses: {
          '200': { description: 'A page.', content: json(ref('ConnectionList')) },
          ...errorResponse(400, 'A limit outside 1–100, an unknown status or parameter, or a starting_after that is not one of yours.', [
            'REQUEST_INVALID',
          ]),
          ...unauthorized,
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
    },
    '/api/v1/connections/{id}': {
      get: {
        operationId: 'getConnection',
        tags: ['Partner API'],
        summary: 'Read a connection',
        description: 'One connection of yours, with its status and last error.',
        parameters: [idParameter],
        responses: {
          '200': { description: 'The connection.', content: json(ref('Connection')) },
          ...unauthorized,
          ...notFound,
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
      delete: {
        operationId: 'deleteConnection',
        tags: ['Partner API'],
        summary: 'Delete a connection',
        description:
          'Deletes the AEP connection (first the dataflow objects this service made for it, newest first; mapping sets stay), ' +
          'marks it `deleted` and sends `connection.deleted`. Deleting it again answers the same row.',
        parameters: [idParameter],
        responses: {
          '200': { description: 'The connection, `deleted`.', content: json(ref('Connection')) },
          ...unauthorized,
          ...notFound,
          ...errorResponse(409, 'A dataflow this service did not make still uses the connection.', ['AEP_CONNECTION_IN_USE']),
          ...rateLimitedResponse('partner API calls for this API key'),
          ...errorResponse(502, 'Adobe refused or failed.', adobeCodes(502)),
          // Two deletes of one connection run one after the other (src/partners/delete-connection.ts); a second one
          // that waits past the lock's wait gets CONNECTION_LOCK_BUSY.
          ...errorResponse(503, 'Adobe is unavailable, or another delete of this connection is still running; try again.', [
            ...adobeCodes(503),
            'CONNECTION_LOCK_BUSY',
          ]),
          ...errorResponse(504, 'Adobe did not answer in time; try again.', adobeCodes(504)),
        },
      },
    },
  },
};
