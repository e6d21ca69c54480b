import { z } from 'zod';
import {
  host,
  httpUrl,
  oneOf,
  optionalWholeNumber,
  sessionSecret,
  tokenEncryptionKey,
  trustProxy,
  wholeNumber,
  yesNo,
} from './field-rules.js';
import { DATAFLOW_MODES, parseSchedule } from './dataflow-settings.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Schema for the environment, one entry per variable (README "Configuration", `.env.example`). Every
 * entry is optional here: what a mode requires, and rules spanning several variables, are checked in
 * `select-mode.ts` and `cross-field-rules.ts`, so that all problems can be reported together.
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
    SCHEMA_REGISTRY_BASE_URL: httpUrl('SCHEMA_REGISTRY_BASE_URL').optional(),
    CATALOG_BASE_URL: httpUrl('CATALOG_BASE_URL').optional(),
    DATA_PREP_BASE_URL: httpUrl('DATA_PREP_BASE_URL').optional(),
    SESSION_SECRET: sessionSecret.optional(),
    TOKEN_ENCRYPTION_KEY: tokenEncryptionKey.optional(),
    HOST: host,
    PORT: wholeNumber('PORT', 0, 65535, 3000),
    PUBLIC_BASE_URL: httpUrl('PUBLIC_BASE_URL').optional(),
    LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    TRUST_PROXY: trustProxy,
    UPSTREAM_TIMEOUT_MS: wholeNumber('UPSTREAM_TIMEOUT_MS', 100, 120_000, 10_000),
    SHUTDOWN_TIMEOUT_MS: wholeNumber('SHUTDOWN_TIMEOUT_MS', 1000, 3_600_000, 0),
    NODE_ENV: z.string().optional(),
    DEMO_MODE: yesNo('DEMO_MODE'),
    // --- Scale-out and operations ---
    REDIS_URL: z
      .string()
      .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), {
        error: (iss) => `REDIS_URL must look like redis://host:6379 or rediss://host:6380 (got "${String(iss.input)}")`,
      })
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'REDIS_KEY_PREFIX may hold only letters, digits, ":", "_" or "-" (at most 64)')
      .optional(),
    DATABASE_URL: z
      .string()
      .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), {
        error: () => 'DATABASE_URL must look like postgres://user:password@host:5432/database',
      })
      .optional(),
    DATABASE_POOL_MAX: wholeNumber('DATABASE_POOL_MAX', 1, 1000, 10),
    METRICS_PORT: optionalWholeNumber('METRICS_PORT', 0, 65535),
    RATE_LIMIT_FLOW_STARTS_PER_MINUTE: wholeNumber('RATE_LIMIT_FLOW_STARTS_PER_MINUTE', 1, 100_000, 30),
    RATE_LIMIT_PARTNER_API_PER_MINUTE: wholeNumber('RATE_LIMIT_PARTNER_API_PER_MINUTE', 1, 1_000_000, 300),
    // --- Partners (connect sessions, return URLs, webhooks) ---
    PARTNERS_FILE: z.string().optional(),
    PUBLIC_CONNECT: yesNo('PUBLIC_CONNECT'),
    // --- Dataflow (README "The dataflow") ---
    DATAFLOW: oneOf('DATAFLOW', DATAFLOW_MODES, 'offer'),
    DATAFLOW_SCHEDULE: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const parsed = parseSchedule(v, 'DATAFLOW_SCHEDULE');
        if (typeof parsed !== 'string') return parsed;
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }),
    DATAFLOW_BACKFILL: yesNo('DATAFLOW_BACKFILL'),
    DATAFLOW_PROFILE: yesNo('DATAFLOW_PROFILE'),
    DATAFLOW_DATASET_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'DATAFLOW_DATASET_ID must be a Catalog dataset id (letters and digits, as AEP shows it)')
      .optional(),
    // --- Connection health watch ---
    HEALTH_WATCH: yesNo('HEALTH_WATCH'),
    HEALTH_WATCH_INTERVAL_MINUTES: wholeNumber('HEALTH_WATCH_INTERVAL_MINUTES', 15, 1440, 60),
    HEALTH_WATCH_RETAIN_REFRESH_TOKEN: yesNo('HEALTH_WATCH_RETAIN_REFRESH_TOKEN'),
    HEALTH_RECONNECT_TTL_HOURS: wholeNumber('HEALTH_RECONNECT_TTL_HOURS', 1, 720, 168),
  });
}

export type ParsedEnv = Partial<z.output<ReturnType<typeof envSchema>>>;
