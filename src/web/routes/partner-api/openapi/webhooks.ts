import { WEBHOOK_RETRY_SPAN_MS, WEBHOOK_SCHEDULE_MS } from '../../../../partners/webhook-delivery.js';
import { EVENT_ID_HEADER } from '../../../../partners/webhook-post.js';
import { SIGNATURE_HEADER } from '../../../../partners/webhook-signer.js';
import { WEBHOOK_EVENT_TYPES, type SessionEventType } from '../../../../partners/webhook-event.js';
import { json, ref, type OpenApiPart } from './shared.js';

const EVENTS: Record<SessionEventType, string> = {
  'connection.created': 'A new HubSpot connection (an account in Sources → Accounts) was created for the session.',
  'connection.updated':
    'The portal’s existing connection got new credentials (`reconnected: true`; `reason: reauthorized` when a reconnect session ends).',
  'connection.failed':
    'The flow failed; `error_code` says why (`CONSENT_DENIED` when the user declined, `CONNECTION_OWNED_ELSEWHERE` when another application owns the portal’s connection in that sandbox).',
  'connection.deleted': 'The connection was deleted through the connections API.',
  'session.expired': 'Nobody used the session before it expired.',
  'dataflow.created': 'The HubSpot Contacts dataflow after the connection was created; `data.dataflow` describes it.',
  'dataflow.failed': 'The dataflow could not be made; `data.dataflow.error_code` and `failed_step` say why.',
};

/** The data fields an event always carries, beyond the shared shape (where every field is optional). */
const ALWAYS: Partial<Record<SessionEventType, readonly string[]>> = {
  'dataflow.created': ['session_id', 'sandbox', 'dataflow'],
  'dataflow.failed': ['session_id', 'sandbox', 'dataflow'],
};

export const metadataSchema = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { minLength: 1, maxLength: 40 },
  additionalProperties: { type: 'string', maxLength: 500 },
  description: 'The partner’s own key/value pairs about its end user (≤ 20 keys of ≤ 40 characters, values ≤ 500 characters).',
} as const;

/** The fields of an event, shared by the webhook body and the events API's Event (which adds its deliveries). */
export const webhookEventProperties = {
  id: { type: 'string', description: `Stable across retries and redeliveries (also in ${EVENT_ID_HEADER}): deduplicate on it.` },
  type: { enum: [...WEBHOOK_EVENT_TYPES] },
  created_at: { type: 'string', format: 'date-time' },
  data: {
    type: 'object',
    additionalProperties: false,
    properties: {
      session_id: { type: 'string', description: 'The connect session (absent on connection.deleted).' },
      sandbox: { type: 'string' },
      partner_user_id: { type: 'string' },
      partner_state: { type: 'string', description: 'The session’s partner_state (the return URL’s `state`).' },
      metadata: metadataSchema,
      connection_id: { type: 'string' },
      reconnected: { type: 'boolean' },
      hub_id: { type: 'integer' },
      hub_domain: { type: 'string' },
      error_code: ref('ErrorCode'),
      reason: { const: 'reauthorized', description: 'On the connection.updated that ends a reconnect session.' },
      dataflow: { ...ref('Dataflow'), description: 'dataflow.* events: the same object as the session status’s `dataflow`.' },
    },
  },
} as const;

/**
 * How a delivery ends (src/partners/webhook-delivery.ts): a 2xx acknowledges it; a timeout, a connection error, a
 * redirect, 429 or 5xx is retried on the schedule; any other 4xx is taken as a refusal and stops the retries.
 * The count and span come from the schedule itself, so the promise cannot drift from what delivery does.
 */
const DELIVERY =
  'Retried (same id, re-signed) after a timeout, a connection error, a redirect, 429 or 5xx: ' +
  `${WEBHOOK_SCHEDULE_MS.length} attempts over about ${Math.round(WEBHOOK_RETRY_SPAN_MS / 3_600_000)} hours, ` +
  'never sooner than your `Retry-After`. Any other 4xx stops the retries at once.';

/** A session event's body: the shared shape, plus the data fields that type always carries. */
const eventBody = (type: SessionEventType) =>
  ALWAYS[type] ? { allOf: [ref('WebhookEvent'), { properties: { data: { required: ALWAYS[type] } } }] } : ref('WebhookEvent');

/** One signed POST to a partner's webhook URL, with the headers every delivery carries. */
export function webhookPost(type: string, summary: string, description: string, body: unknown) {
  return {
    post: {
      operationId: `webhook-${type.replace('.', '-')}`,
      summary,
      description: `${description} ${DELIVERY}`,
      security: [],
      parameters: [
        {
          name: SIGNATURE_HEADER,
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description:
            '`t=<unix seconds>,v1=<hex HMAC-SHA256(webhook secret, t + "." + raw body)>`, one `v1` per secret while you rotate. Check it and refuse old timestamps.',
        },
        { name: EVENT_ID_HEADER, in: 'header', required: true, schema: { type: 'string' }, description: 'The event’s `id`.' },
      ],
      requestBody: { required: true, content: json({ allOf: [body, { properties: { type: { const: type } } }] }) },
      responses: { '200': { description: 'Any 2xx acknowledges the event.' } },
    },
  };
}

/** The signed POSTs sent to a partner's webhook URL (OpenAPI 3.1 `webhooks`). */
export const webhooksPart: OpenApiPart = {
  schemas: {
    WebhookEvent: {
      type: 'object',
      required: ['id', 'type', 'created_at', 'data'],
      additionalProperties: false,
      properties: webhookEventProperties,
    },
  },
  webhooks: Object.fromEntries(
    (Object.keys(EVENTS) as SessionEventType[]).map((type) => [
      type,
      webhookPost(type, `The ${type} event`, EVENTS[type], eventBody(type)),
    ]),
  ),
};
