/**
 * Every error a user can meet: its HTTP status and its remedy, the one thing that can make it pass.
 * - `wait`: a passing condition (an upstream 429/5xx or timeout, a busy lock). The job queue repeats the failed
 *   step by itself when that step is repeatable; the page offers Retry (same flow, no new consent) while the sealed
 *   tokens last, else Start again.
 * - `resume`: waiting will not fix it, a person can (an interrupted run, a request HubSpot refused); nothing is
 *   repeated automatically, but Retry is offered as for `wait`.
 * - `restart`: only a new consent can fix it (a missing scope, a spent code, an expired state): Start again.
 * - `none`: an operator or partner must change something (credentials, permissions, the request): no button.
 * The words live in the message catalog (src/i18n), keyed `error.<CODE>.title` / `.action`.
 * Codes are stable: partners and logs match on them (undici Errors.md: match on code, not instanceof).
 * Modelled on BullMQ's UnrecoverableError (https://docs.bullmq.io/guide/retrying-failing-jobs): the error, not the
 * caller, says whether trying again can help.
 */
export type Remedy = 'wait' | 'resume' | 'restart' | 'none';

export const ERROR_CODES = Object.freeze({
  // The browser's side of the OAuth round trip (RFC 6749 §10.12, RFC 9700 §2.1).
  STATE_MISSING: { status: 400, remedy: 'restart' },
  STATE_UNKNOWN: { status: 400, remedy: 'restart' },
  STATE_EXPIRED: { status: 400, remedy: 'restart' },
  STATE_OTHER_BROWSER: { status: 403, remedy: 'restart' },
  CODE_MISSING: { status: 400, remedy: 'restart' },
  CONSENT_DENIED: { status: 400, remedy: 'restart' },
  HUBSPOT_AUTHORIZE_ERROR: { status: 502, remedy: 'restart' },
  // HubSpot token endpoint and introspection.
  HUBSPOT_CODE_REJECTED: { status: 400, remedy: 'restart' },
  HUBSPOT_CLIENT_REJECTED: { status: 502, remedy: 'none' },
  HUBSPOT_REQUEST_REJECTED: { status: 502, remedy: 'resume' },
  HUBSPOT_UNAVAILABLE: { status: 502, remedy: 'wait' },
  HUBSPOT_TIMEOUT: { status: 504, remedy: 'wait' },
  HUBSPOT_BAD_RESPONSE: { status: 502, remedy: 'wait' },
  HUBSPOT_TOKEN_INACTIVE: { status: 502, remedy: 'restart' },
  SCOPES_MISSING: { status: 403, remedy: 'restart' },
  // Adobe IMS.
  ADOBE_CREDENTIALS_REJECTED: { status: 502, remedy: 'none' },
  ADOBE_IMS_UNAVAILABLE: { status: 502, remedy: 'wait' },
  ADOBE_IMS_TIMEOUT: { status: 504, remedy: 'wait' },
  ADOBE_IMS_BAD_RESPONSE: { status: 502, remedy: 'wait' },
  // Our connect attempt itself.
  CONNECT_INTERRUPTED: { status: 503, remedy: 'resume' },
  CONNECT_TOKENS_EXPIRED: { status: 410, remedy: 'restart' },
  CONNECTION_LOCK_BUSY: { status: 503, remedy: 'wait' },
  // Adobe Experience Platform Flow Service.
  AEP_UNAUTHORIZED: { status: 502, remedy: 'wait' },
  AEP_FORBIDDEN: { status: 502, remedy: 'none' },
  AEP_REJECTED: { status: 502, remedy: 'none' },
  AEP_NOT_FOUND: { status: 502, remedy: 'none' },
  AEP_UNAVAILABLE: { status: 503, remedy: 'wait' },
  AEP_BAD_RESPONSE: { status: 502, remedy: 'wait' },
  // Two 412s in a row: someone kept changing the connection while we updated it.
  AEP_CONNECTION_CHANGING: { status: 409, remedy: 'wait' },
  // Retry is safe: the next attempt looks the connection up before it creates one.
  AEP_TIMEOUT: { status: 504, remedy: 'wait' },
  // The dataflow after the connection: a failure never undoes the connection, and "Finish setting up" resumes
  // from the failed step once someone fixed the cause (an AEP permission, the HubSpot app's access).
  DATAFLOW_TABLE_MISSING: { status: 502, remedy: 'resume' },
  DATAFLOW_NO_DELTA_COLUMN: { status: 502, remedy: 'none' },
  DATAFLOW_MAPPING_INVALID: { status: 502, remedy: 'resume' },
  DATAFLOW_PERMISSION_DENIED: { status: 502, remedy: 'resume' },
  DATAFLOW_SCHEMA_MISMATCH: { status: 502, remedy: 'none' },
  DATAFLOW_REJECTED: { status: 502, remedy: 'resume' },
  // Too many requests from one client IP or partner API key (RFC 6585 §4).
  RATE_LIMITED: { status: 429, remedy: 'wait' },
  // Load shedding: too many flow starts nobody came back from (a flood), or a store that cannot take a new
  // key (the memory store's cap, Redis at maxmemory with noeviction). Nothing live is dropped to make room.
  STARTS_BUDGET_SPENT: { status: 503, remedy: 'wait' },
  STORE_FULL: { status: 503, remedy: 'wait' },
  // Check-now: one check per connection per minute, counted from the last check's start.
  CHECK_TOO_SOON: { status: 429, remedy: 'wait' },
  // Partners: the connect-session API and the session page.
  PARTNER_UNAUTHORIZED: { status: 401, remedy: 'none' },
  REQUEST_INVALID: { status: 400, remedy: 'none' },
  REQUEST_TOO_LARGE: { status: 413, remedy: 'none' },
  REQUEST_NOT_JSON: { status: 415, remedy: 'none' },
  SESSION_USED: { status: 409, remedy: 'none' },
  SESSION_EXPIRED: { status: 410, remedy: 'none' },
  // embed.js from a page whose origin is not one of the partner's embedOrigins: nothing starts.
  ORIGIN_NOT_ALLOWED: { status: 403, remedy: 'none' },
  // embed.js options (appearance, locale) that fail validation: refused, never put into a page.
  INVALID_OPTIONS: { status: 400, remedy: 'none' },
  // Idempotency-Key on session creation (Stripe's rules, https://docs.stripe.com/api/idempotent_requests).
  IDEMPOTENCY_KEY_REUSED: { status: 422, remedy: 'none' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, remedy: 'wait' },
  // Redelivery of an event to a partner that has no webhook.
  WEBHOOK_NOT_CONFIGURED: { status: 409, remedy: 'none' },
  // Connections API: Adobe refuses to delete a connection a flow still uses (a flow this service did not create).
  AEP_CONNECTION_IN_USE: { status: 409, remedy: 'none' },
  // Reconnect: the user consented on another HubSpot portal than the connection's.
  RECONNECT_WRONG_PORTAL: { status: 409, remedy: 'restart' },
  // The portal's connection in this org and sandbox belongs to another partner (or to the home page, or the home
  // page meets a partner's): one owner per connection, so nothing is changed at Adobe and no consent helps.
  CONNECTION_OWNED_ELSEWHERE: { status: 409, remedy: 'none' },
  // Generic.
  NOT_FOUND: { status: 404, remedy: 'none' },
  INTERNAL: { status: 500, remedy: 'wait' },
} as const satisfies Record<string, { status: number; remedy: Remedy }>);

export type ErrorCode = keyof typeof ERROR_CODES;
