/**
 * Every error a user can meet: its HTTP status and whether the page offers "Start again".
 * The words live in the message catalog (src/i18n), keyed `error.<CODE>.title` / `.action`.
 * Codes are stable: partners and logs match on them (undici Errors.md: match on code, not instanceof).
 */
export const ERROR_CODES = Object.freeze({
  // The browser's side of the OAuth round trip (RFC 6749 §10.12, RFC 9700 §2.1).
  STATE_MISSING: { status: 400, retry: true },
  STATE_UNKNOWN: { status: 400, retry: true },
  STATE_EXPIRED: { status: 400, retry: true },
  STATE_ALREADY_USED: { status: 409, retry: true },
  STATE_OTHER_BROWSER: { status: 403, retry: true },
  CODE_MISSING: { status: 400, retry: true },
  CONSENT_DENIED: { status: 400, retry: true },
  HUBSPOT_AUTHORIZE_ERROR: { status: 502, retry: true },
  // HubSpot token endpoint and introspection.
  HUBSPOT_CODE_REJECTED: { status: 400, retry: true },
  HUBSPOT_CLIENT_REJECTED: { status: 502, retry: false },
  HUBSPOT_REQUEST_REJECTED: { status: 502, retry: true },
  HUBSPOT_UNAVAILABLE: { status: 502, retry: true },
  HUBSPOT_TIMEOUT: { status: 504, retry: true },
  HUBSPOT_BAD_RESPONSE: { status: 502, retry: true },
  HUBSPOT_TOKEN_INACTIVE: { status: 502, retry: true },
  SCOPES_MISSING: { status: 403, retry: true },
  // Adobe IMS.
  ADOBE_CREDENTIALS_REJECTED: { status: 502, retry: false },
  ADOBE_IMS_UNAVAILABLE: { status: 502, retry: true },
  ADOBE_IMS_TIMEOUT: { status: 504, retry: true },
  ADOBE_IMS_BAD_RESPONSE: { status: 502, retry: true },
  // Flow Service.
  FLOW_UNAUTHORIZED: { status: 502, retry: true },
  FLOW_FORBIDDEN: { status: 502, retry: false },
  FLOW_REJECTED: { status: 502, retry: false },
  FLOW_NOT_FOUND: { status: 502, retry: false },
  FLOW_UNAVAILABLE: { status: 503, retry: true },
  FLOW_BAD_RESPONSE: { status: 502, retry: true },
  // Retry is safe for these two: the next attempt looks the connection up before it creates one.
  FLOW_TIMEOUT: { status: 504, retry: true },
  // Partners: the connect-session API and the session page.
  PARTNER_UNAUTHORIZED: { status: 401, retry: false },
  REQUEST_INVALID: { status: 400, retry: false },
  REQUEST_TOO_LARGE: { status: 413, retry: false },
  REQUEST_NOT_JSON: { status: 415, retry: false },
  SESSION_USED: { status: 409, retry: false },
  SESSION_EXPIRED: { status: 410, retry: false },
  // Generic.
  NOT_FOUND: { status: 404, retry: false },
  INTERNAL: { status: 500, retry: true },
} as const satisfies Record<string, { status: number; retry: boolean }>);

export type ErrorCode = keyof typeof ERROR_CODES;
