import { z } from 'zod';
import { MIN_SESSION_SECRET_LENGTH } from './defaults.js';

const httpUrl = z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an absolute http(s) URL');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * `trust proxy` accepts a hop count, true/false, or Express's named/addressed forms
 * (https://expressjs.com/en/guide/behind-proxies.html). Needed behind a TLS-terminating proxy so that
 * `req.secure` is true and the Secure session cookie is actually sent (express-session README).
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v): boolean | number | string => {
    if (v === undefined || v === 'false') return false;
    if (v === 'true') return true;
    return /^\d+$/.test(v) ? Number(v) : v;
  });

const sessionSecret = z
  .string({ error: 'SESSION_SECRET is required' })
  .min(
    MIN_SESSION_SECRET_LENGTH,
    `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`)`,
  );

/** Schema for the environment. In live mode credentials and the session secret are required. */
export function envSchema(mode: 'live' | 'sandbox') {
  const required = (name: string) => (mode === 'live' ? z.string({ error: `${name} is required` }) : z.string().optional());
  return z.object({
    HUBSPOT_CLIENT_ID: required('HUBSPOT_CLIENT_ID'),
    HUBSPOT_CLIENT_SECRET: required('HUBSPOT_CLIENT_SECRET'),
    HUBSPOT_REDIRECT_URI: mode === 'live' ? httpUrl : httpUrl.optional(),
    HUBSPOT_SCOPES: z.string().optional(),
    HUBSPOT_OPTIONAL_SCOPES: z.string().optional(),
    HUBSPOT_AUTHORIZE_URL: httpUrl.optional(),
    HUBSPOT_API_BASE_URL: httpUrl.optional(),
    ADOBE_CLIENT_ID: required('ADOBE_CLIENT_ID'),
    ADOBE_CLIENT_SECRET: required('ADOBE_CLIENT_SECRET'),
    ADOBE_IMS_ORG:
      mode === 'live'
        ? z.string().regex(/^[A-Za-z0-9]+@AdobeOrg$/, 'ADOBE_IMS_ORG must look like 0123456789ABCDEF01234567@AdobeOrg')
        : z.string().optional(),
    // Sandbox names are all-lowercase (flow-service.openapi.yaml, "Required headers").
    ADOBE_SANDBOX_NAME: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'ADOBE_SANDBOX_NAME must be a lowercase sandbox name such as prod')
      .default('prod'),
    ADOBE_IMS_TOKEN_URL: httpUrl.optional(),
    ADOBE_SCOPES: z.string().optional(),
    FLOW_SERVICE_BASE_URL: httpUrl.optional(),
    SESSION_SECRET: mode === 'live' ? sessionSecret : sessionSecret.optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: httpUrl.optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    TRUST_PROXY: trustProxy,
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    // Partners (connect sessions, return URLs, webhooks): docs/reference/peers-and-security.md.
    PARTNERS_FILE: z.string().optional(),
    PUBLIC_CONNECT: z.enum(['true', 'false'], { error: 'PUBLIC_CONNECT must be true or false' }).default('true'),
  });
}
