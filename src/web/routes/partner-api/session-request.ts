import { z } from 'zod';
import type { Config } from '../../../config/config.js';
import { AppError } from '../../../errors/app-error.js';
import type { NewSession } from '../../../partners/connect-session.js';
import type { Partner } from '../../../config/partner.js';

/**
 * Bytes a string takes inside the stored session's JSON: characters count up to 3 bytes in UTF-8 and 6 when
 * escaped (a control character), so a character limit alone does not bound the session.
 */
export const jsonBytes = (value: string) => Buffer.byteLength(JSON.stringify(value)) - 2;

/**
 * The free-text fields are bounded in JSON bytes as well as characters, so that the stored session, with
 * everything a finished flow adds to it (ids, hub domain, error code), always fits the store's 8 KB value cap
 * (3 KB + 2 KB + 1 KB here, well under 2 KB for the rest): a session that could not be saved would complete
 * without its partner ever learning it.
 */
export const SESSION_FIELD_BYTES = { return_url: 2048, partner_state: 2048, partner_user_id: 1024 } as const;

const bounded = (chars: number, bytes: number) =>
  z
    .string()
    .max(chars)
    .refine((v) => jsonBytes(v) <= bytes, { message: 'too long' });

const body = z.strictObject({
  sandbox: z.string().max(64).optional(),
  return_url: bounded(2048, SESSION_FIELD_BYTES.return_url).optional(),
  partner_user_id: bounded(256, SESSION_FIELD_BYTES.partner_user_id).pipe(z.string().min(1)).optional(),
  partner_state: bounded(1024, SESSION_FIELD_BYTES.partner_state).optional(),
  locale: z.enum(['en', 'fr']).optional(),
});

/**
 * Validates a POST /api/v1/connect-sessions body for one partner. `return_url` must equal one of the
 * partner's registered URLs character for character: no prefix, host or query matching, which is what
 * every open-redirect trick (OWASP Unvalidated Redirects cheat sheet) relies on.
 */
export function parseSessionRequest(input: unknown, partner: Partner, config: Config): NewSession {
  const parsed = body.safeParse(input);
  if (!parsed.success) {
    const fields = [
      ...new Set(parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.') || 'body']))),
    ];
    throw new AppError('REQUEST_INVALID', 'invalid connect-session body', { details: { fields } });
  }
  const b = parsed.data;
  const fields: string[] = [];
  const sandbox = b.sandbox ?? (partner.sandboxes.length === 1 ? partner.sandboxes[0] : undefined) ?? config.adobe.sandboxName;
  if (!partner.sandboxes.includes(sandbox)) fields.push('sandbox');
  if (b.return_url !== undefined && !partner.returnUrls.includes(b.return_url)) fields.push('return_url');
  if (fields.length > 0) throw new AppError('REQUEST_INVALID', 'sandbox or return_url not allowed for partner', { details: { fields } });
  return {
    partnerId: partner.id,
    sandbox,
    returnUrl: b.return_url,
    partnerUserId: b.partner_user_id,
    partnerState: b.partner_state,
    locale: b.locale,
  };
}
