import { z } from 'zod';
import type { Config } from '../../../config/config.js';
import { AppError } from '../../../errors/app-error.js';
import type { NewSession } from '../../../partners/connect-session.js';
import type { Partner } from '../../../config/partner.js';

const body = z.strictObject({
  sandbox: z.string().max(64).optional(),
  return_url: z.string().max(2048).optional(),
  partner_user_id: z.string().min(1).max(256).optional(),
  partner_state: z.string().max(1024).optional(),
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
