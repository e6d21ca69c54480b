import { z } from 'zod';
import type { Config } from '../../../config/config.js';
import { DATAFLOW_MODES } from '../../../config/dataflow-settings.js';
import { AppError } from '../../../errors/app-error.js';
import type { NewSession } from '../../../partners/connect-session.js';
import type { ConnectionRow } from '../../../registry/connection-registry.js';
import { invalidRequest } from './invalid-fields.js';
import type { Partner } from '../../../config/partner.js';

/** Stripe's metadata bounds (https://docs.stripe.com/metadata), with fewer keys: 20 keys of ≤ 40 characters, values ≤ 500. */
export const METADATA_MAX_KEYS = 20;
export const METADATA_MAX_KEY_CHARS = 40;
export const METADATA_MAX_VALUE_CHARS = 500;

/**
 * Bytes a value takes inside the stored session's JSON: a character counts up to 3 bytes in UTF-8 and 6 when
 * escaped (a control character), so character limits alone do not bound the session.
 */
export const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * The free-text fields are bounded in JSON bytes as well as characters, so that the stored session, with
 * everything a finished flow adds to it (ids, hub domain, error code), always fits the memory store's value cap
 * (80 KB): metadata at its worst (20 keys and values of escaped characters) takes about 65 KB, these 3.5 KB, the
 * rest about 1 KB. A session that could not be saved would complete without its partner ever learning it.
 */
export const SESSION_FIELD_BYTES = { return_url: 2048, partner_state: 1024, partner_user_id: 512 } as const;

/** Characters as a person counts them (code points), not UTF-16 units: an emoji is one. */
const chars = (max: number) => (v: string) => [...v].length <= max;
const bounded = (max: number, field: keyof typeof SESSION_FIELD_BYTES) =>
  z
    .string()
    .max(max)
    .refine((v) => jsonBytes(v) - 2 <= SESSION_FIELD_BYTES[field], `at most ${SESSION_FIELD_BYTES[field]} bytes once JSON-encoded`);
const metadata = z
  .record(
    z.string().min(1).refine(chars(METADATA_MAX_KEY_CHARS), `keys are at most ${METADATA_MAX_KEY_CHARS} characters`),
    z.string().refine(chars(METADATA_MAX_VALUE_CHARS), `values are at most ${METADATA_MAX_VALUE_CHARS} characters`),
  )
  .refine((m) => Object.keys(m).length <= METADATA_MAX_KEYS, `at most ${METADATA_MAX_KEYS} keys`);

const body = z.strictObject({
  sandbox: z.string().max(64).optional(),
  return_url: bounded(2048, 'return_url').optional(),
  partner_user_id: bounded(256, 'partner_user_id').pipe(z.string().min(1)).optional(),
  metadata: metadata.optional(),
  partner_state: bounded(1024, 'partner_state').optional(),
  locale: z.enum(['en', 'fr']).optional(),
  dataflow: z.enum(DATAFLOW_MODES).optional(),
  connection_id: z.string().min(1).max(256).optional(),
});

/**
 * Validates a POST /api/v1/connect-sessions body for one partner. `return_url` must equal one of the
 * partner's registered URLs character for character: no prefix, host or query matching, which is what
 * every open-redirect trick (OWASP Unvalidated Redirects cheat sheet) relies on. `reconnect`: the partner's own,
 * not deleted, connection named by `connection_id`; the session keeps its sandbox, end user and metadata unless the
 * body gives them.
 */
export function parseSessionRequest(input: unknown, partner: Partner, config: Config, reconnect?: ConnectionRow): NewSession {
  const parsed = body.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error, 'connect-session body', 'body');
  const b = parsed.data;
  const fields: string[] = [];
  const sandbox =
    b.sandbox ?? reconnect?.sandbox ?? (partner.sandboxes.length === 1 ? partner.sandboxes[0] : undefined) ?? config.adobe.sandboxName;
  // A reconnect re-authorizes the connection where it is: another sandbox would be another connection.
  if (!partner.sandboxes.includes(sandbox) || (reconnect && sandbox !== reconnect.sandbox)) fields.push('sandbox');
  if (b.return_url !== undefined && !partner.returnUrls.includes(b.return_url)) fields.push('return_url');
  if (fields.length > 0) throw new AppError('REQUEST_INVALID', 'sandbox or return_url not allowed for partner', { details: { fields } });
  return {
    partnerId: partner.id,
    sandbox,
    returnUrl: b.return_url,
    partnerUserId: b.partner_user_id ?? reconnect?.partnerUserId,
    metadata: b.metadata ?? reconnect?.metadata,
    partnerState: b.partner_state,
    locale: b.locale,
    dataflowMode: b.dataflow,
    ...(reconnect
      ? {
          reconnect: { connectionId: reconnect.id, hubId: reconnect.hubId },
          connectionId: reconnect.id,
        }
      : {}),
  };
}
