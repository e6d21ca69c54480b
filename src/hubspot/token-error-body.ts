import { z } from 'zod';

/**
 * HubSpot's token endpoints answer errors in three shapes (docs/reference/hubspot-oauth.md §2.4): the OAuth-style one,
 * `{error, error_description, status, message}`, the legacy v1 one, `{status, message, correlationId}`, and the
 * generic 2026-03 one, `{message, correlationId, category, subCategory?}`. All are read; every field is optional so that a partial body still yields what it has.
 */
const schema = z
  .object({
    error: z.string().optional(),
    error_description: z.string().optional(),
    status: z.string().optional(),
    message: z.string().optional(),
    correlationId: z.string().optional(),
    category: z.string().optional(),
  })
  .loose();

export interface TokenErrorInfo {
  /** RFC 6749 §5.2 code when present, e.g. `invalid_grant`. */
  error?: string;
  /** HubSpot's own status, e.g. `BAD_AUTH_CODE`. */
  status?: string;
  description?: string;
  correlationId?: string;
  /** The 2026-03 generic body's category, e.g. `VALIDATION_ERROR`, `INVALID_AUTHENTICATION`. */
  category?: string;
}

export function readTokenErrorBody(payload: unknown): TokenErrorInfo {
  let value = payload;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return {};
  const b = parsed.data;
  return {
    ...(b.error ? { error: b.error } : {}),
    ...(b.status ? { status: b.status } : {}),
    ...((b.error_description ?? b.message) ? { description: b.error_description ?? b.message } : {}),
    ...(b.correlationId ? { correlationId: b.correlationId } : {}),
    ...(b.category ? { category: b.category } : {}),
  };
}

const BY_STATUS: Record<string, 'HUBSPOT_CODE_REJECTED' | 'HUBSPOT_CLIENT_REJECTED' | 'HUBSPOT_REQUEST_REJECTED'> = {
  BAD_AUTH_CODE: 'HUBSPOT_CODE_REJECTED',
  EXPIRED_AUTH_CODE: 'HUBSPOT_CODE_REJECTED',
  BAD_CLIENT_ID: 'HUBSPOT_CLIENT_REJECTED',
  BAD_CLIENT_SECRET: 'HUBSPOT_CLIENT_REJECTED',
  // A redirect_uri mismatch is our configuration, not the user's code.
  BAD_REDIRECT_URI: 'HUBSPOT_REQUEST_REJECTED',
  BAD_GRANT_TYPE: 'HUBSPOT_REQUEST_REJECTED',
};

/**
 * Which of our codes a HubSpot token error means: the code the browser brought, our app's credentials,
 * or our request. HubSpot's own `status` is the more specific signal; the RFC `error` is the fallback,
 * since HubSpot's pairing of the two is [UNCONFIRMED] beyond invalid_grant ↔ BAD_REFRESH_TOKEN.
 */
export function classifyTokenError(info: TokenErrorInfo): 'HUBSPOT_CODE_REJECTED' | 'HUBSPOT_CLIENT_REJECTED' | 'HUBSPOT_REQUEST_REJECTED' {
  const byStatus = info.status && Object.hasOwn(BY_STATUS, info.status) ? BY_STATUS[info.status] : undefined;
  if (byStatus) return byStatus;
  if (info.error === 'invalid_client' || info.error === 'unauthorized_client') return 'HUBSPOT_CLIENT_REJECTED';
  // Generic 2026-03 body: authentication of our app failed (the code itself is judged by `status`/`error` above).
  if (info.category === 'INVALID_AUTHENTICATION') return 'HUBSPOT_CLIENT_REJECTED';
  if (info.error === 'invalid_grant') return 'HUBSPOT_CODE_REJECTED';
  return 'HUBSPOT_REQUEST_REJECTED';
}
