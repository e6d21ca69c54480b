import { CONNECTION_STATUSES } from '../../../registry/connection-registry.js';
import { errorResponse } from './openapi-parts.js';

/** The connections API's part of the partner OpenAPI document (openapi-document.ts merges it in). */
const connectionResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Connection' } } },
});
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The AEP connection id (the `connection_id` of sessions and webhooks).',
} as const;
const nullable = (type: string, description?: string) => ({ type: [type, 'null'], ...(description ? { description } : {}) });

export const connectionSchemas = {
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
      'last_checked_at',
      'last_error',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'string', description: 'The Adobe Experience Platform (Flow Service) connection id.' },
      hub_id: { type: 'string', description: 'The HubSpot portal (hub) id, as a string.' },
      hub_domain: nullable('string'),
      sandbox: { type: 'string' },
      partner_user_id: nullable('string'),
      metadata: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
      status: {
        enum: CONNECTION_STATUSES,
        description: '`needs_reauth`: send the user through a reconnect session (`connection_id`); `deleted`: gone at Adobe.',
      },
      created_at: { type: 'string', description: 'RFC 3339 date-time.' },
      updated_at: { type: 'string', description: 'RFC 3339 date-time.' },
      last_checked_at: nullable('string', 'When the health watch or check-now last asked Adobe (RFC 3339), or null.'),
      last_error: nullable(
        'string',
        'Why the status is what it is (the error code, or the health reason behind `error` or `needs_reauth`), or why the last check got no answer.',
      ),
    },
  },
  ConnectionList: {
    type: 'object',
    required: ['data', 'has_more'],
    additionalProperties: false,
    properties: {
      data: { type: 'array', items: { $ref: '#/components/schemas/Connection' }, description: 'Newest first.' },
      has_more: { type: 'boolean', description: 'Ask again with `starting_after` = the last id for the next page.' },
    },
  },
} as const;

export const connectionPaths = {
  '/api/v1/connections': {
    get: {
      operationId: 'listConnections',
      parameters: [
        { name: 'partner_user_id', in: 'query', schema: { type: 'string' } },
        {
          name: 'status',
          in: 'query',
          schema: { enum: CONNECTION_STATUSES },
          description: 'Without it, every status but `deleted`.',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'starting_after', in: 'query', schema: { type: 'string' }, description: 'The last id of the previous page.' },
      ],
      responses: {
        '200': { description: 'A page', content: { 'application/json': { schema: { $ref: '#/components/schemas/ConnectionList' } } } },
        '400': errorResponse('A limit outside 1–100, an unknown status or parameter, or a starting_after that is not one of yours'),
        '401': errorResponse('Missing or unknown API key'),
      },
    },
  },
  '/api/v1/connections/{id}': {
    get: {
      operationId: 'getConnection',
      parameters: [idParameter],
      responses: {
        '200': connectionResponse('The connection'),
        '401': errorResponse('Missing or unknown API key'),
        '404': errorResponse('No such connection for this partner'),
      },
    },
    delete: {
      operationId: 'deleteConnection',
      description:
        'Deletes the AEP connection (first the dataflow objects this service made for it, newest first; mapping sets stay), ' +
        'marks it `deleted` and sends `connection.deleted`. Deleting it again answers the same row.',
      parameters: [idParameter],
      responses: {
        '200': connectionResponse('The connection, `deleted`'),
        '401': errorResponse('Missing or unknown API key'),
        '404': errorResponse('No such connection for this partner'),
        '409': errorResponse('AEP_CONNECTION_IN_USE: a dataflow this service did not make still uses the connection'),
        '502': errorResponse('Adobe refused or failed (AEP_* codes)'),
        '503': errorResponse('Adobe is unavailable (AEP_UNAVAILABLE); try again'),
        '504': errorResponse('Adobe did not answer in time (AEP_TIMEOUT); try again'),
      },
    },
  },
} as const;
