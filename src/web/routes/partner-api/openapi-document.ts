import { connectionPaths, connectionSchemas } from './openapi-connections.js';
import { errorResponse } from './openapi-parts.js';
import { healthPaths, healthSchemas, healthWebhooks } from './openapi-health.js';
import { WEBHOOK_EVENT_TYPES } from '../../../partners/webhook-event.js';

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

const metadata = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { minLength: 1, maxLength: 40 },
  additionalProperties: { type: 'string', maxLength: 500 },
  description: 'The partner’s own key/value pairs about its end user (≤ 20 keys of ≤ 40 characters, values ≤ 500 characters).',
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
          partner_user_id: { type: 'string', minLength: 1, maxLength: 256, description: 'At most 512 bytes once JSON-encoded.' },
          metadata,
          partner_state: {
            type: 'string',
            maxLength: 1024,
            description: 'Given back as `state` on the return URL. At most 1,024 bytes once JSON-encoded.',
          },
          locale: { enum: ['en', 'fr'] },
          dataflow: {
            enum: ['off', 'offer', 'auto'],
            description: 'After the connection: overrides the partner’s and the deployment’s DATAFLOW.',
          },
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
          metadata,
          connection_id: { type: 'string' },
          reconnected: { type: 'boolean' },
          hub_id: { type: 'integer' },
          hub_domain: { type: 'string' },
          error_code: { type: 'string' },
          dataflow: { $ref: '#/components/schemas/Dataflow' },
        },
      },
      Dataflow: {
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        description: 'The HubSpot Contacts dataflow after the connection; absent fields are omitted.',
        properties: {
          status: { enum: ['off', 'offered', 'running', 'scheduled', 'failed'] },
          id: { type: 'string', description: 'The Flow Service dataflow id.' },
          dataset_id: { type: 'string' },
          schema_id: { type: 'string', description: 'The XDM schema’s $id.' },
          source_connection_id: { type: 'string' },
          target_connection_id: { type: 'string' },
          mapping_set_id: { type: 'string' },
          schedule: {
            type: 'object',
            required: ['frequency', 'interval'],
            additionalProperties: false,
            properties: { frequency: { type: 'string' }, interval: { type: 'integer' }, start_time: { type: 'string' } },
          },
          error_code: { type: 'string' },
          failed_step: { type: 'string', description: 'The dataflow step that failed, e.g. dataset.' },
          warnings: { type: 'array', items: { type: 'string' } },
        },
      },
      ...connectionSchemas,
      Event: {
        type: 'object',
        required: ['id', 'type', 'created_at', 'data', 'deliveries'],
        additionalProperties: false,
        description:
          'One event, as POSTed to the webhook (with HubSpot-AEP-Event-Id: <id> and HubSpot-AEP-Signature: t=<unix>,v1=<hex>[,v1=<hex>]), plus its delivery attempts. Kept 30 days.',
        properties: {
          id: { type: 'string' },
          type: { enum: [...WEBHOOK_EVENT_TYPES] },
          created_at: { type: 'string', description: 'RFC 3339 date-time.' },
          data: {
            type: 'object',
            required: ['sandbox'],
            properties: {
              session_id: { type: 'string', description: 'The connect session (absent on connection.deleted).' },
              sandbox: { type: 'string' },
              partner_user_id: { type: 'string' },
              metadata,
              connection_id: { type: 'string' },
              hub_id: { type: 'integer' },
              error_code: { type: 'string' },
              reason: { const: 'reauthorized', description: 'On the connection.updated that ends a reconnect session.' },
            },
          },
          deliveries: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'status'],
              additionalProperties: false,
              properties: {
                at: { type: 'string', description: 'RFC 3339 date-time of the attempt.' },
                status: {
                  oneOf: [{ type: 'integer' }, { enum: ['timeout', 'connection_error'] }],
                  description: 'The endpoint’s HTTP status, or why there was none.',
                },
              },
            },
          },
        },
      },
      EventList: {
        type: 'object',
        required: ['data', 'has_more'],
        additionalProperties: false,
        properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Event' } }, has_more: { type: 'boolean' } },
      },
      Redelivery: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string' } } },
    },
  },
  security: [{ apiKey: [] }],
  paths: {
    '/api/v1/connect-sessions': {
      post: {
        operationId: 'createConnectSession',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
            description:
              'Per partner, for 24 hours: the same key and body replay the first 201 answer (same session); error answers are not kept.',
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateSessionRequest' } } } },
        responses: {
          '201': {
            description: 'Created (or, with a repeated Idempotency-Key and the same body, the first answer replayed)',
            headers: { 'Idempotent-Replayed': { schema: { const: 'true' }, description: 'Present on a replayed answer.' } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreatedSession' } } },
          },
          '400': errorResponse('Invalid field values (listed in `fields`), a return_url not registered, a sandbox not allowed'),
          '401': errorResponse('Missing or unknown API key'),
          '404': errorResponse('connection_id names no connection of yours, or a deleted one'),
          '409': {
            ...errorResponse('IDEMPOTENCY_KEY_IN_USE: a request with this Idempotency-Key is still in flight'),
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before sending it again.' } },
          },
          '422': errorResponse('IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with another body'),
          '413': errorResponse('Body over 64 KB'),
          '415': errorResponse('Body is not JSON'),
          '429': errorResponse('Too many calls with this API key, or too many refused keys from this address; see Retry-After'),
          '503': errorResponse('STORE_FULL: the service cannot store a new session right now; try again later'),
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
          '404': errorResponse('No such session for this partner (or an id that is not valid percent-encoding)'),
          '429': errorResponse('Too many calls with this API key, or too many refused keys from this address; see Retry-After'),
        },
      },
    },
    ...healthPaths,
    ...connectionPaths,
    '/api/v1/events': {
      get: {
        operationId: 'listEvents',
        parameters: [
          { name: 'type', in: 'query', required: false, schema: { enum: [...WEBHOOK_EVENT_TYPES] } },
          {
            name: 'starting_after',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'The last id of the previous page.',
          },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        ],
        responses: {
          '200': {
            description: 'The partner’s events, newest first',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/EventList' } } },
          },
          '400': errorResponse('A parameter out of range, or a starting_after that names none of your events (named in `fields`)'),
          '401': errorResponse('Missing or unknown API key'),
        },
      },
    },
    '/api/v1/events/{id}/redeliver': {
      post: {
        operationId: 'redeliverEvent',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '202': {
            description: 'One more delivery is queued: the same event id, signed afresh',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Redelivery' } } },
          },
          '401': errorResponse('Missing or unknown API key'),
          '404': errorResponse('No such event for this partner (or older than 30 days)'),
          '409': errorResponse('WEBHOOK_NOT_CONFIGURED: the partner has no webhook'),
        },
      },
    },
  },
  webhooks: healthWebhooks,
} as const;
