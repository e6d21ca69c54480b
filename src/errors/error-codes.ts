/**
 * Every error a user can meet: its HTTP status and whether it is worth trying again. A retryable flow failure
 * offers Retry (same flow, no new consent) while its sealed tokens last, and "Start again" otherwise.
 * The words live in the message catalog (src/i18n), keyed `error.<CODE>.title` / `.action`.
 * Codes are stable: partners and logs match on them (undici Errors.md: match on code, not instanceof).
 */
export const ERROR_CODES = Object.freeze({
  // The browser's side of the OAuth round trip (RFC 6749 §10.12, RFC 9700 §2.1).
  STATE_MISSING: { status: 400, retry: true },
  STATE_UNKNOWN: { status: 400, retry: true },
  STATE_EXPIRED: { status: 400, retry: true },
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
  // Our connect attempt itself.
  CONNECT_INTERRUPTED: { status: 503, retry: true },
  CONNECT_TOKENS_EXPIRED: { status: 410, retry: true },
  CONNECTION_LOCK_BUSY: { status: 503, retry: true },
  // Adobe Experience Platform Flow Service.
  AEP_UNAUTHORIZED: { status: 502, retry: true },
  AEP_FORBIDDEN: { status: 502, retry: false },
  AEP_REJECTED: { status: 502, retry: false },
  AEP_NOT_FOUND: { status: 502, retry: false },
  AEP_UNAVAILABLE: { status: 503, retry: true },
  AEP_BAD_RESPONSE: { status: 502, retry: true },
  // Two 412s in a row: someone kept changing the connection while we updated it.
  AEP_CONNECTION_CHANGING: { status: 409, retry: true },
  // Retry is safe: the next attempt looks the connection up before it creates one.
  AEP_TIMEOUT: { status: 504, retry: true },
  // Too many requests from one client IP or partner API key (RFC 6585 §4).
  RATE_LIMITED: { status: 429, retry: true },
  // Partners: the connect-session API and the session page.
  PARTNER_UNAUTHORIZED: { status: 401, retry: false },
  REQUEST_INVALID: { status: 400, retry: false },
  REQUEST_TOO_LARGE: { status: 413, retry: false },
  REQUEST_NOT_JSON: { status: 415, retry: false },
  SESSION_USED: { status: 409, retry: false },
  SESSION_EXPIRED: { status: 410, retry: false },
  // embed.js from a page whose origin is not one of the partner's embedOrigins: nothing starts.
  ORIGIN_NOT_ALLOWED: { status: 403, retry: false },
  // embed.js options (appearance, locale) that fail validation: refused, never put into a page.
  INVALID_OPTIONS: { status: 400, retry: false },
  // Generic.
  NOT_FOUND: { status: 404, retry: false },
  INTERNAL: { status: 500, retry: true },
} as const satisfies Record<string, { status: number; retry: boolean }>);

export type ErrorCode = keyof typeof ERROR_CODES;
