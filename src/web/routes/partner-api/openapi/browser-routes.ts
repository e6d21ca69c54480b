import { errorResponse, json, rateLimitedResponse, ref, type OpenApiPart } from './shared.js';

const html = { 'text/html': { schema: { type: 'string' } } };
const token = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'The session’s single-use token.' };
const mode = {
  name: 'mode',
  in: 'query',
  required: false,
  schema: { enum: ['popup', 'iframe'] },
  description: 'Set by embed.js: `popup` (its popup) or `iframe` (the widget, framable only by the partner’s embedOrigins).',
};
const pageErrors = 'An HTML page (JSON when `Accept: application/json`).';

/** What a user's browser and embed.js call: the session page, its Continue, and embed.js's session endpoint. */
export const browserRoutesPart: OpenApiPart = {
  schemas: {
    EmbedSessionStatus: {
      type: 'object',
      required: ['session_id', 'status', 'has_return_url'],
      additionalProperties: false,
      properties: {
        session_id: { type: 'string' },
        status: { enum: ['pending', 'completed', 'failed', 'expired'] },
        has_return_url: { type: 'boolean' },
        connection_id: { type: 'string' },
        reconnected: { type: 'boolean' },
        error_code: ref('ErrorCode'),
      },
    },
    EmbedAttachRequest: {
      type: 'object',
      required: ['token'],
      properties: {
        token: { type: 'string' },
        appearance: {
          type: 'object',
          additionalProperties: false,
          properties: {
            primaryColor: { type: 'string', pattern: '^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' },
            logoUrl: { type: 'string', format: 'uri', description: 'https, on one of the partner’s embedOrigins.' },
          },
        },
        locale: { enum: ['en', 'fr'] },
      },
    },
  },
  paths: {
    '/connect-sessions/{token}': {
      get: {
        operationId: 'showConnectSession',
        tags: ['Browser'],
        security: [],
        summary: 'The session page',
        description:
          'Shows who asks (the partner), the Adobe organization and sandbox, and the access requested, before anything happens. In `iframe` mode a session that has run shows its outcome instead.',
        parameters: [token, mode],
        responses: {
          '200': { description: 'The page.', content: html },
          ...errorResponse(403, `${pageErrors} A popup page whose origin embed.js did not attach.`, ['ORIGIN_NOT_ALLOWED']),
          ...errorResponse(404, `${pageErrors} Unknown token.`, ['NOT_FOUND']),
          ...errorResponse(409, `${pageErrors} The session was already used.`, ['SESSION_USED']),
          ...errorResponse(410, `${pageErrors} The session expired.`, ['SESSION_EXPIRED']),
        },
      },
    },
    '/connect-sessions/{token}/continue': {
      get: {
        operationId: 'continueConnectSession',
        tags: ['Browser'],
        security: [],
        summary: 'Start the HubSpot consent',
        description:
          'Claims the session (once) and redirects to HubSpot’s consent page. Popup and widget flows start only after embed.js attached a registered origin.',
        parameters: [token, mode],
        responses: {
          '302': { description: 'To HubSpot’s authorize page.' },
          ...errorResponse(403, `${pageErrors} Popup or widget flow from an origin not attached by embed.js.`, ['ORIGIN_NOT_ALLOWED']),
          ...errorResponse(404, `${pageErrors} Unknown token.`, ['NOT_FOUND']),
          ...errorResponse(409, `${pageErrors} The session was already used.`, ['SESSION_USED']),
          ...errorResponse(410, `${pageErrors} The session expired.`, ['SESSION_EXPIRED']),
          ...rateLimitedResponse('flow starts from this client IP'),
        },
      },
    },
    '/embed/v1/session': {
      get: {
        operationId: 'embedSessionStatus',
        tags: ['Browser'],
        security: [],
        summary: 'embed.js: a session’s status',
        description: 'CORS for the session’s partner’s embedOrigins only. The token travels in the `HubSpot-AEP-Session-Token` header.',
        parameters: [{ name: 'HubSpot-AEP-Session-Token', in: 'header', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The status.', content: json(ref('EmbedSessionStatus')) },
          ...errorResponse(404, 'Unknown token, or an origin outside embedOrigins.', ['NOT_FOUND']),
        },
      },
      post: {
        operationId: 'embedAttachSession',
        tags: ['Browser'],
        security: [],
        summary: 'embed.js: attach the page to a session',
        description:
          'Sent as `text/plain` (a CORS simple request) before the popup leaves about:blank or the widget frame is created. The browser’s `Origin` must be one of the partner’s embedOrigins; appearance and locale are validated and then used by the session page.',
        requestBody: { required: true, content: { 'text/plain': { schema: ref('EmbedAttachRequest') } } },
        responses: {
          '200': { description: 'Attached.', content: json(ref('EmbedSessionStatus')) },
          ...errorResponse(400, 'Options that fail validation, or a body that is not a JSON object.', ['INVALID_OPTIONS']),
          ...errorResponse(403, 'The page’s origin is not one of the partner’s embedOrigins: nothing will start.', ['ORIGIN_NOT_ALLOWED']),
          ...errorResponse(404, 'Unknown token.', ['NOT_FOUND']),
          ...errorResponse(409, 'The session was already used.', ['SESSION_USED']),
          ...errorResponse(410, 'The session expired.', ['SESSION_EXPIRED']),
        },
      },
    },
  },
};
