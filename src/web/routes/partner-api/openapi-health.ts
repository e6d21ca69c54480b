import { errorResponse } from './openapi-parts.js';

/**
 * The health parts of the partner API's OpenAPI document: check-now, the connection it answers, and the two webhooks
 * (OpenAPI 3.1 `webhooks`, https://spec.openapis.org/oas/v3.1.0#oasWebhooks).
 */

export const healthSchemas = {
  HealthEvent: {
    type: 'object',
    required: ['id', 'type', 'created_at', 'data'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      type: { enum: ['connection.unhealthy', 'connection.recovered'] },
      created_at: { type: 'string' },
      data: {
        type: 'object',
        required: ['connection_id', 'hub_id', 'status', 'reason', 'detected_at'],
        additionalProperties: false,
        properties: {
          connection_id: { type: 'string', description: 'The AEP connection id.' },
          hub_id: { type: 'integer' },
          status: { enum: ['active', 'needs_reauth', 'error'] },
          reason: { enum: ['credentials_rejected', 'grant_revoked', 'scopes_reduced', 'runs_failing'] },
          detected_at: { type: 'string', description: 'When the incident was first seen.' },
          recovered_at: { type: 'string', description: '`connection.recovered` only.' },
          reconnect: {
            description: '`connection.unhealthy` only: a reconnect session bound to the connection; send the user to `url`.',
            type: 'object',
            required: ['session_id', 'url', 'expires_at'],
            additionalProperties: false,
            properties: { session_id: { type: 'string' }, url: { type: 'string' }, expires_at: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;

export const healthPaths = {
  '/api/v1/connections/{id}/check': {
    post: {
      operationId: 'checkConnection',
      description:
        'Runs the connection’s checks now (its dataflow’s last run, Adobe’s connection test, introspection when kept), ' +
        'updates its status and sends `connection.unhealthy` or `connection.recovered` if it changed. 200 also when ' +
        'Adobe could not answer: the status is then unchanged and `last_error` says why.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': {
          description: 'The connection, as GET shows it',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Connection' } } },
        },
        '401': errorResponse('Missing or unknown API key'),
        '404': errorResponse('No such connection for this partner'),
        '429': {
          ...errorResponse('A check of this connection started less than a minute ago (`CHECK_TOO_SOON`)'),
          headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds until a check is accepted.' } },
        },
      },
    },
  },
} as const;

const hook = (summary: string) => ({
  post: {
    summary,
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthEvent' } } } },
    responses: { '2XX': { description: 'Received; any other answer is retried.' } },
  },
});

export const healthWebhooks = {
  'connection.unhealthy': hook('Once per incident: the connection stopped working; `data.reconnect` is the way back.'),
  'connection.recovered': hook('Once, when the incident ends: a reconnect succeeded or the cause cleared.'),
} as const;
