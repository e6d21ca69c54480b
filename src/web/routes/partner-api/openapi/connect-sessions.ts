import { errorResponse, json, rateLimitedResponse, ref, type OpenApiPart } from './shared.js';
import { metadataSchema } from './webhooks.js';

const unauthorized = errorResponse(401, 'Missing or unknown API key (`Authorization: Bearer <key>`).', ['PARTNER_UNAUTHORIZED']);

/** The server-to-server partner API: create a connect session, read one. */
export const connectSessionsPart: OpenApiPart = {
  schemas: {
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
    CreateSessionRequest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sandbox: {
          type: 'string',
          maxLength: 64,
          description: 'One of the partner’s sandboxes; default: its only one, else the deployment’s.',
        },
        return_url: {
          type: 'string',
          maxLength: 2048,
          description: 'Exactly one of the partner’s registered returnUrls (character for character).',
        },
        partner_user_id: {
          type: 'string',
          minLength: 1,
          maxLength: 256,
          description: 'Your id for the user; echoed in webhooks. At most 512 bytes once JSON-encoded.',
        },
        partner_state: {
          type: 'string',
          maxLength: 1024,
          description: 'Given back as `state` on the return URL and as `partner_state` in webhooks. At most 1,024 bytes once JSON-encoded.',
        },
        locale: { enum: ['en', 'fr'], description: 'Language of the session page; embed.js’s `locale` overrides it.' },
        dataflow: {
          enum: ['off', 'offer', 'auto'],
          description: 'After the connection: overrides the partner’s and the deployment’s DATAFLOW.',
        },
        metadata: metadataSchema,
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
        id: { type: 'string', description: 'The session id: read the session with it; never a secret.' },
        token: { type: 'string', description: 'Single-use bearer for the user’s browser (embed.js or the `url`); never log it.' },
        url: { type: 'string', format: 'uri', description: 'Where to send the user in redirect mode.' },
        expires_at: { type: 'string', format: 'date-time', description: 'The session expires 30 minutes after creation unless used.' },
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
        metadata: metadataSchema,
        connection_id: { type: 'string', description: 'The HubSpot account (connection) in Experience Platform → Sources → Accounts.' },
        reconnected: { type: 'boolean', description: 'True when an existing connection for this portal got new credentials.' },
        hub_id: { type: 'integer', description: 'The HubSpot portal (hub) id.' },
        hub_domain: { type: 'string', description: 'The HubSpot portal’s domain, when HubSpot reports one.' },
        error_code: ref('ErrorCode'),
        dataflow: ref('Dataflow'),
      },
    },
    ReturnUrlParameters: {
      type: 'object',
      description:
        'The query parameters added to a session’s `return_url` when the flow ends (redirect mode). Nothing else is added: no token, no hub details.',
      required: ['session_id', 'status'],
      properties: {
        session_id: { type: 'string' },
        status: { enum: ['completed', 'failed'] },
        connection_id: { type: 'string', description: 'With `completed`.' },
        error: { ...ref('ErrorCode'), description: 'With `failed`.' },
        state: { type: 'string', description: 'The session’s `partner_state`, when it had one.' },
      },
    },
  },
  paths: {
    '/api/v1/connect-sessions': {
      post: {
        operationId: 'createConnectSession',
        tags: ['Partner API'],
        summary: 'Create a connect session',
        description:
          'Creates a single-use session (30 minutes) for one user. Give the `token` to embed.js (popup or iframe widget) or send the user to `url` (redirect mode); the outcome arrives on the return URL, by webhook, and from GET. A portal whose connection in that org and sandbox another partner (or the home page) made is refused: the session ends `failed` with CONNECTION_OWNED_ELSEWHERE and nothing changes at Adobe.',
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
        requestBody: { required: true, content: json(ref('CreateSessionRequest')) },
        responses: {
          '201': {
            description: 'Created (or, with a repeated Idempotency-Key and the same body, the first answer replayed).',
            headers: { 'Idempotent-Replayed': { schema: { const: 'true' }, description: 'Present on a replayed answer.' } },
            content: json(ref('CreatedSession')),
          },
          ...errorResponse(400, 'Invalid field values (listed in `fields`), a return_url not registered, a sandbox not allowed.', [
            'REQUEST_INVALID',
          ]),
          ...unauthorized,
          ...errorResponse(404, '`connection_id` names no connection of yours, or a deleted one.', ['NOT_FOUND']),
          ...errorResponse(409, 'A request with this Idempotency-Key is still in flight.', ['IDEMPOTENCY_KEY_IN_USE'], {
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait before sending it again.' } },
          }),
          ...errorResponse(422, 'This Idempotency-Key was used with another body.', ['IDEMPOTENCY_KEY_REUSED']),
          ...errorResponse(413, 'Body over 64 KB.', ['REQUEST_TOO_LARGE']),
          ...errorResponse(415, 'Body is not JSON.', ['REQUEST_NOT_JSON']),
          ...errorResponse(503, 'The service cannot store a new session right now; try again later.', ['STORE_FULL']),
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
    },
    '/api/v1/connect-sessions/{id}': {
      get: {
        operationId: 'getConnectSession',
        tags: ['Partner API'],
        summary: 'Read a connect session',
        description: 'The session’s status and outcome, for a session of yours; kept for a day after it expires or ends.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The session.', content: json(ref('Session')) },
          ...unauthorized,
          ...errorResponse(404, 'No such session for this partner (another partner’s session answers the same).', ['NOT_FOUND']),
          ...rateLimitedResponse('partner API calls for this API key'),
        },
      },
    },
  },
};
