import { z } from 'zod';
import { host, httpUrl, oneOf, sessionSecret, trustProxy, wholeNumber, yesNo } from './field-rules.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Schema for the environment, one entry per variable (README "Configuration", `.env.example`). Every
 * entry is optional here: what a mode requires, and rules spanning several variables, are checked in
 * `required-in-mode.ts` and `cross-field-rules.ts`, so that all problems can be reported together.
 */
export function envSchema() {
  return z.object({
    HUBSPOT_CLIENT_ID: z.string().optional(),
    HUBSPOT_CLIENT_SECRET: z.string().optional(),
    HUBSPOT_REDIRECT_URI: httpUrl('HUBSPOT_REDIRECT_URI').optional(),
    HUBSPOT_SCOPES: z.string().optional(),
    HUBSPOT_OPTIONAL_SCOPES: z.string().optional(),
    HUBSPOT_AUTHORIZE_URL: httpUrl('HUBSPOT_AUTHORIZE_URL').optional(),
    HUBSPOT_API_BASE_URL: httpUrl('HUBSPOT_API_BASE_URL').optional(),
    ADOBE_CLIENT_ID: z.string().optional(),
    ADOBE_CLIENT_SECRET: z.string().optional(),
    ADOBE_IMS_ORG: z
      .string()
      .regex(/^[A-Za-z0-9]+@AdobeOrg$/, 'ADOBE_IMS_ORG must look like 0123456789ABCDEF01234567@AdobeOrg')
      .optional(),
    // Sandbox names are all-lowercase (docs/reference/adobe-flow-service.md, "x-sandbox-name").
    ADOBE_SANDBOX_NAME: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'ADOBE_SANDBOX_NAME must be a lowercase sandbox name such as prod')
      .default('prod'),
    ADOBE_IMS_TOKEN_URL: httpUrl('ADOBE_IMS_TOKEN_URL').optional(),
    ADOBE_SCOPES: z.string().optional(),
    FLOW_SERVICE_BASE_URL: httpUrl('FLOW_SERVICE_BASE_URL').optional(),
    SESSION_SECRET: sessionSecret.optional(),
    HOST: host,
    PORT: wholeNumber('PORT', 0, 65535, 3000),
    PUBLIC_BASE_URL: httpUrl('PUBLIC_BASE_URL').optional(),
    LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    TRUST_PROXY: trustProxy,
    UPSTREAM_TIMEOUT_MS: wholeNumber('UPSTREAM_TIMEOUT_MS', 100, 120_000, 10_000),
    SHUTDOWN_TIMEOUT_MS: wholeNumber('SHUTDOWN_TIMEOUT_MS', 1000, 3_600_000, 0),
    NODE_ENV: z.string().optional(),
    DEMO_MODE: yesNo('DEMO_MODE'),
  });
}

export type ParsedEnv = Partial<z.output<ReturnType<typeof envSchema>>>;
