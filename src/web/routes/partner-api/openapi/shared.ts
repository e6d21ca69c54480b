import { ERROR_CODES, type ErrorCode } from '../../../../errors/error-codes.js';
import { en, type MessageKey } from '../../../../i18n/messages-en.js';

/** One route group's share of the document: its paths, component schemas and webhooks. */
export interface OpenApiPart {
  readonly paths?: Record<string, unknown>;
  readonly schemas?: Record<string, unknown>;
  readonly webhooks?: Record<string, unknown>;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: unknown) => ({ 'application/json': { schema } });

/**
 * Every code the service can put on the wire (API answers, embed answers, webhooks, a return URL's
 * `error`), each described by the English catalog's title, so the list cannot drift from the code table.
 */
export function errorCodeSchema() {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  return {
    type: 'string',
    enum: codes,
    description: [
      'Stable error codes; match on these, not on `message`.',
      '',
      ...codes.map((code) => `- \`${code}\` (HTTP ${ERROR_CODES[code].status}): ${en[`error.${code}.title` as MessageKey]}`),
    ].join('\n'),
  };
}

/** The error body of the partner API and the embed endpoints. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: ref('ErrorCode'),
        message: { type: 'string', description: 'English words for people; may change.' },
        fields: { type: 'array', items: { type: 'string' }, description: 'Partner API: the request fields at fault.' },
        retry: { type: 'boolean', description: 'Browser routes: whether trying again can help.' },
        remedy: {
          enum: ['wait', 'resume', 'restart', 'none'],
          description: 'Browser routes: what can make it pass (wait, resume with Retry, restart with a new consent, none).',
        },
        retryPath: { type: 'string', description: 'Browser routes: where Retry posts, when offered.' },
      },
    },
  },
} as const;

/**
 * An error answer with the codes it can carry. Each code's own HTTP status must be `status`
 * (test/integration/partner-openapi.test.ts checks it against the code table).
 */
export function errorResponse(status: number, description: string, codes: readonly ErrorCode[], extra: object = {}) {
  return {
    [String(status)]: {
      description: `${description} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
      'x-error-codes': codes,
      content: json({ allOf: [ref('Error'), { properties: { error: { properties: { code: { enum: codes } } } } }] }),
      ...extra,
    },
  };
}

/** 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3). */
export function rateLimitedResponse(what: string) {
  return errorResponse(
    429,
    `Too many ${what}, or too many refused keys from this address (see RATE_LIMIT_* in the README).`,
    ['RATE_LIMITED'],
    {
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } },
    },
  );
}
