import { isIP } from 'node:net';
import { z } from 'zod';
import { MIN_SESSION_SECRET_LENGTH } from './defaults.js';

/**
 * Per-variable rules whose messages are plain sentences an operator can act on, instead of the
 * validator's own wording ("expected number, received NaN"). Each message starts with the variable name.
 */

export const httpUrl = (name: string) =>
  z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    error: (iss) => `${name} must be a full web address starting with https:// (got "${String(iss.input)}")`,
  });

/** A whole number within bounds; the message names the bounds and echoes what was given. */
export const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), {
      error: (iss) => `${name} must be a whole number from ${min} to ${max} (got "${String(iss.input)}")`,
    })
    .transform((v) => (v === undefined ? fallback : Number(v)));

/** Like `wholeNumber`, but absent stays absent (for settings that are off unless given). */
export const optionalWholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), {
      error: (iss) => `${name} must be a whole number from ${min} to ${max} (got "${String(iss.input)}")`,
    })
    .transform((v) => (v === undefined ? undefined : Number(v)));

export const oneOf = <T extends string>(name: string, values: readonly [T, ...T[]], fallback: T) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || (values as readonly string[]).includes(v), {
      error: (iss) => `${name} must be one of ${values.join(', ')} (got "${String(iss.input)}")`,
    })
    .transform((v) => (v ?? fallback) as T);

export const yesNo = (name: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || /^(true|false|1|0|yes|no)$/i.test(v), {
      error: (iss) => `${name} must be true or false (got "${String(iss.input)}")`,
    })
    .transform((v) => v !== undefined && /^(true|1|yes)$/i.test(v));

/** Names Express's `trust proxy` understands besides addresses (https://expressjs.com/en/guide/behind-proxies.html). */
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.includes(item)) return true;
  const [address = '', range, ...rest] = item.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  const bits = version === 4 ? 32 : 128;
  return (/^\d+$/.test(range) && Number(range) <= bits) || (version === 4 && isIP(range) === 4);
}

/**
 * `trust proxy`: true/false, a hop count, or a comma-separated list of names and addresses/subnets.
 * Express would throw a stack trace at start-up on anything else, so it is refused here in words.
 */
export const trustProxy = z
  .string()
  .optional()
  .refine((v) => v === undefined || /^(true|false|\d+)$/.test(v) || v.split(',').every((item) => isProxyAddress(item.trim())), {
    error: (iss) =>
      `TRUST_PROXY must be true, false, a number of proxy hops (usually 1), or a comma-separated list of ` +
      `loopback, linklocal, uniquelocal, IP addresses or subnets such as 10.0.0.0/8 (got "${String(iss.input)}")`,
  })
  .transform((v): boolean | number | string => {
    if (v === undefined || v === 'false') return false;
    if (v === 'true') return true;
    return /^\d+$/.test(v) ? Number(v) : v;
  });

const SECRET_HINT = 'generate one with `openssl rand -base64 48`';

/**
 * Length alone lets `aaaa…` through. The secret signs session cookies, so a guessable one lets anyone
 * forge a session (OWASP Session Management Cheat Sheet, "Session ID Entropy"): refuse short secrets,
 * repetitions of a shorter string, and secrets with too little variety for their length.
 */
export function sessionSecretProblem(secret: string): string | undefined {
  if (secret.length < MIN_SESSION_SECRET_LENGTH) {
    return `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters long (it has ${secret.length}); ${SECRET_HINT}`;
  }
  if (/^(.+?)\1+$/s.test(secret) || new Set(secret).size < 8 || estimatedBits(secret) < 96) {
    return `SESSION_SECRET is too easy to guess (repeated characters or too little variety); ${SECRET_HINT}`;
  }
  return undefined;
}

/** Shannon estimate of the secret's entropy: bits per character (from its own frequencies) × length. */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / secret.length) * Math.log2(n / secret.length);
  return perChar * secret.length;
}

export const sessionSecret = z.string().superRefine((v, ctx) => {
  const problem = sessionSecretProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A host name or IP address to listen on; no scheme, port or path. */
export const host = z
  .string()
  .optional()
  .refine((v) => v === undefined || isIP(v) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-.]*[A-Za-z0-9])?$/.test(v), {
    error: (iss) =>
      `HOST must be an IP address or host name to listen on, such as 0.0.0.0 or 127.0.0.1, without a scheme or port (got "${String(iss.input)}")`,
  });

/** 32 bytes for AES-256-GCM, written as base64 (44 characters) or hex (64); normalised to base64. */
export const tokenEncryptionKey = z.string().transform((v, ctx) => {
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== 32) {
    ctx.addIssue({
      code: 'custom',
      message: 'TOKEN_ENCRYPTION_KEY must be 32 random bytes written as base64 or hex; generate one with `openssl rand -base64 32`',
    });
    return z.NEVER;
  }
  return key.toString('base64');
});
