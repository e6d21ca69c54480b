import { connectionPaths, connectionSchemas } from './openapi-connections.js';
import { errorResponse } from './openapi-parts.js';
import { healthPaths, healthSchemas, healthWebhooks } from './openapi-health.js';

/**
 * OpenAPI 3.1 description of the partner API (https://spec.openapis.org/oas/v3.1.0), served at
 * GET /api/v1/openapi.json. test/integration/partner-openapi.test.ts checks real answers against it.
 */
const error = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'fields'],
      additionalProperties: false,
      properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } },
    },
  },
} as const;

export const partnerOpenApi = {
  openapi: '3.1.0',
  info: { title: 'hubspot-aep-connect partner API', version: '1.0.0' },
  components: {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'A partner API key registered (as its SHA-256) in PARTNERS_FILE.' },
    },
    schemas: {
      Error: error,
      ...healthSchemas,
      CreateSessionRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          sandbox: { type: 'string', description: 'One of the partner’s sandboxes; default: its only one, else the deployment’s.' },
          return_url: { type: 'string', description: 'Exactly one of the partner’s registered returnUrls.' },
          partner_user_id: { type: 'string', minLength: 1, maxLength: 256 },
          partner_state: { type: 'string', maxLength: 1024, description: 'Given back as `state` on the return URL.' },
          locale: { enum: ['en', 'fr'] },
          connection_id: {
            type: 'string',
            description:
              'Reconnect: re-authorize this connection of yours instead of making one. Only its own HubSpot portal is accepted; ' +
              'another ends the session `failed` with RECONNECT_WRONG_PORTAL and changes nothing at Adobe.',
          },
        },
      },
      CreatedSession: {
        type: 'object',
        required: ['id', 'token', 'url', 'expires_at'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          token: { type: 'string', description: 'Single-use; give it only to the user’s browser.' },
          url: { type: 'string', description: 'Where to send the user (redirect mode).' },
          expires_at: { type: 'string', description: 'RFC 3339 date-time.' },
        },
      },
      Session: {
        type: 'object',
        required: ['id', 'status', 'sandbox'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          status: { enum: ['pending', 'completed', 'failed', 'expired'] },
          sandbox: { type: 'string' },
          partner_user_id: { type: 'string' },
          connection_id: { type: 'string' },
          reconnected: { type: 'boolean' },
          hub_id: { type: 'integer' },
          hub_domain: { type: 'string' },
          error_code: { type: 'string' },
        },
      },
      ...connectionSchemas,
    },
  },
  security: [{ apiKey: [] }],
  paths: {
    '/api/v1/connect-sessions': {
      post: {
        operationId: 'createConnectSession',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateSessionRequest' } } } },
        responses: {
          '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedSession' } } } },
          '400': errorResponse('Invalid field values (listed in `fields`), a return_url not registered, a sandbox not allowed'),
          '401': errorResponse('Missing or unknown API key'),
          '404': errorResponse('connection_id names no connection of yours, or a deleted one'),
          '413': errorResponse('Body over 16 KB'),
          '415': errorResponse('Body is not JSON'),
        },
      },
    },
    '/api/v1/connect-sessions/{id}': {
      get: {
        operationId: 'getConnectSession',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The session', content: { 'application/json': { schema: { $ref: '#/components/schemas/Session' } } } },
          '401': errorResponse('Missing or unknown API key'),
          '404': errorResponse('No such session for this partner'),
        },
      },
    },
    ...healthPaths,
    ...connectionPaths,
  },
  webhooks: healthWebhooks,
} as const;
