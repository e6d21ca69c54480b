import { errorResponse, json, ref, type OpenApiPart } from './shared.js';
import { metadataSchema, webhookPost } from './webhooks.js';

/**
 * The health watch's part: check-now, and the two health webhooks (OpenAPI 3.1 `webhooks`,
 * https://spec.openapis.org/oas/v3.1.0#oasWebhooks), whose data is about a connection, not a session. They are
 * signed, identified and retried as every other webhook.
 */
const hook = (type: string, summary: string, description: string) => webhookPost(type, summary, description, ref('HealthEvent'));

/** The data of a health event (the events API lists them beside the session events). */
export const healthEventData = {
  type: 'object',
  required: ['connection_id', 'hub_id', 'status', 'reason', 'detected_at'],
  additionalProperties: false,
  properties: {
    connection_id: { type: 'string', description: 'The AEP connection id.' },
    hub_id: { type: 'integer' },
    partner_user_id: { type: 'string', description: 'The connection’s end user, as its connect session named it.' },
    metadata: { ...metadataSchema, description: 'The connection’s metadata, as its connect session gave it.' },
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
} as const;

export const healthPart: OpenApiPart = {
  schemas: {
    HealthEvent: {
      type: 'object',
      required: ['id', 'type', 'created_at', 'data'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        type: { enum: ['connection.unhealthy', 'connection.recovered'] },
        created_at: { type: 'string' },
        data: healthEventData,
      },
    },
  },
  paths: {
    '/api/v1/connections/{id}/check': {
      post: {
        operationId: 'checkConnection',
        tags: ['Partner API'],
        summary: 'Check a connection now',
        description:
          'Runs the connection’s checks now (its dataflow’s last run, Adobe’s connection test, introspection when kept), ' +
          'updates its status and sends `connection.unhealthy` or `connection.recovered` if it changed. 200 also when ' +
          'Adobe could not answer: the status is then unchanged and `last_error` says why.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The connection, as GET shows it.', content: json(ref('Connection')) },
          ...errorResponse(401, 'Missing or unknown API key.', ['PARTNER_UNAUTHORIZED']),
          ...errorResponse(404, 'No such connection for this partner.', ['NOT_FOUND']),
          ...errorResponse(
            429,
            'A check of this connection started less than a minute ago, or too many partner API calls.',
            ['CHECK_TOO_SOON', 'RATE_LIMITED'],
            {
              headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds until a check is accepted.' } },
            },
          ),
        },
      },
    },
  },
  webhooks: {
    'connection.unhealthy': hook(
      'connection.unhealthy',
      'The connection.unhealthy event',
      'Once per incident: the connection stopped working; `data.reconnect` is the way back.',
    ),
    'connection.recovered': hook(
      'connection.recovered',
      'The connection.recovered event',
      'Once, when the incident ends: a reconnect succeeded or the cause cleared.',
    ),
  },
};
