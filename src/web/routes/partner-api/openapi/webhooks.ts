import { SIGNATURE_HEADER } from '../../../../partners/webhook-signer.js';
import { json, ref, type OpenApiPart } from './shared.js';

const EVENTS = {
  'connection.created': 'A new HubSpot connection (an account in Sources → Accounts) was created for the session.',
  'connection.updated': 'The portal’s existing connection got new credentials (`reconnected: true`).',
  'connection.failed': 'The flow failed; `error_code` says why (`CONSENT_DENIED` when the user declined).',
  'session.expired': 'Nobody used the session before it expired.',
} as const;

/** The signed POSTs sent to a partner's webhook URL (OpenAPI 3.1 `webhooks`). */
export const webhooksPart: OpenApiPart = {
  schemas: {
    WebhookEvent: {
      type: 'object',
      required: ['id', 'type', 'created_at', 'data'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', description: 'Stable across retries: deduplicate on it.' },
        type: { enum: Object.keys(EVENTS) },
        created_at: { type: 'string', format: 'date-time' },
        data: {
          type: 'object',
          required: ['session_id', 'sandbox'],
          additionalProperties: false,
          properties: {
            session_id: { type: 'string' },
            sandbox: { type: 'string' },
            partner_user_id: { type: 'string' },
            partner_state: { type: 'string', description: 'The session’s partner_state (the return URL’s `state`).' },
            connection_id: { type: 'string' },
            reconnected: { type: 'boolean' },
            hub_id: { type: 'integer' },
            hub_domain: { type: 'string' },
            error_code: ref('ErrorCode'),
          },
        },
      },
    },
  },
  webhooks: Object.fromEntries(
    Object.entries(EVENTS).map(([type, description]) => [
      type,
      {
        post: {
          operationId: `webhook-${type.replace('.', '-')}`,
          summary: `The ${type} event`,
          description: `${description} Retried (same id, re-signed) until your endpoint answers 2xx, for up to about two hours.`,
          security: [],
          parameters: [
            {
              name: SIGNATURE_HEADER,
              in: 'header',
              required: true,
              schema: { type: 'string' },
              description:
                '`t=<unix seconds>,v1=<hex HMAC-SHA256(webhook secret, t + "." + raw body)>`. Check it and refuse old timestamps.',
            },
          ],
          requestBody: { required: true, content: json({ allOf: [ref('WebhookEvent'), { properties: { type: { const: type } } }] }) },
          responses: { '200': { description: 'Any 2xx acknowledges the event.' } },
        },
      },
    ]),
  ),
};
