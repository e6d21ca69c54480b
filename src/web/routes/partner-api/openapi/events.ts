import { WEBHOOK_EVENT_TYPES } from '../../../../partners/webhook-event.js';
import { errorResponse, json, rateLimitedResponse, ref, type OpenApiPart } from './shared.js';
import { healthEventData } from './health.js';
import { webhookEventProperties } from './webhooks.js';

const unauthorized = errorResponse(401, 'Missing or unknown API key.', ['PARTNER_UNAUTHORIZED']);

/** The events API: what was (or would have been) POSTed to your webhook, and redelivery. */
export const eventsPart: OpenApiPart = {
  schemas: {
    Event: {
      description: 'One event, as POSTed to the webhook, plus its delivery attempts. Kept 30 days.',
      type: 'object',
      required: ['id', 'type', 'created_at', 'data', 'deliveries'],
      additionalProperties: false,
      properties: {
        ...webhookEventProperties,
        data: { anyOf: [webhookEventProperties.data, healthEventData] },
        deliveries: {
          type: 'array',
          items: {
            type: 'object',
            required: ['at', 'status'],
            additionalProperties: false,
            properties: {
              at: { type: 'string', format: 'date-time', description: 'When the attempt was made.' },
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
      properties: { data: { type: 'array', items: ref('Event') }, has_more: { type: 'boolean' } },
    },
    Redelivery: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string' } } },
  },
  paths: {
    '/api/v1/events': {
      get: {
        operationId: 'listEvents',
        tags: ['Partner API'],
        summary: 'List your events',
        description: 'The events of your sessions and connections, newest first, with each delivery attempt. Kept 30 days.',
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
          '200': { description: 'The partner’s events, newest first.', content: json(ref('EventList')) },
          ...errorResponse(400, 'A parameter out of range, or a starting_after that names none of your events (named in `fields`).', [
            'REQUEST_INVALID',
          ]),
          ...unauthorized,
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
    },
    '/api/v1/events/{id}/redeliver': {
      post: {
        operationId: 'redeliverEvent',
        tags: ['Partner API'],
        summary: 'Deliver an event again',
        description: 'Queues one more delivery of the event to your webhook: the same event id, signed afresh.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '202': { description: 'Queued.', content: json(ref('Redelivery')) },
          ...unauthorized,
          ...errorResponse(404, 'No such event for this partner (or older than 30 days).', ['NOT_FOUND']),
          ...errorResponse(409, 'The partner has no webhook.', ['WEBHOOK_NOT_CONFIGURED']),
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
    },
  },
};
