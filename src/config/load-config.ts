import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePartnersFile } from './partners-file.js';
import type { Partner } from './partner.js';
import { deepFreeze, type Config } from './config.js';
import { checkCrossFieldRules } from './cross-field-rules.js';
import {
  DEFAULT_ADOBE_IMS_TOKEN_URL,
  DEFAULT_ADOBE_SCOPES,
  DEFAULT_CATALOG_BASE_URL,
  DEFAULT_DATAFLOW_SCHEDULE,
  DEFAULT_DATA_PREP_BASE_URL,
  DEFAULT_FLOW_SERVICE_BASE_URL,
  DEFAULT_HUBSPOT_API_BASE_URL,
  DEFAULT_HUBSPOT_AUTHORIZE_URL,
  DEFAULT_HUBSPOT_SCOPES,
  DEFAULT_SCHEMA_REGISTRY_BASE_URL,
  MIN_SESSION_SECRET_LENGTH,
  UPSTREAM_CALLS_PER_FLOW,
} from './defaults.js';
import type { ParsedEnv } from './env-schema.js';
import { parseFields } from './parse-fields.js';
import { selectMode } from './select-mode.js';

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

const UPSTREAM_URL_KEYS = [
  'HUBSPOT_AUTHORIZE_URL',
  'HUBSPOT_API_BASE_URL',
  'ADOBE_IMS_TOKEN_URL',
  'FLOW_SERVICE_BASE_URL',
  'SCHEMA_REGISTRY_BASE_URL',
  'CATALOG_BASE_URL',
  'DATA_PREP_BASE_URL',
] as const;

/**
 * Validates the environment into a frozen Config, reporting every problem at once: each variable's
 * own, the mode's requirements and the cross-field rules (express-openid-connect reports only the
 * first; operators prefer the whole list).
 */
export function loadConfig(rawEnv: Env): ConfigResult {
  const env = blankToUndefined(rawEnv);
  const fields = parseFields(env);
  const { mode, problems: modeProblems } = selectMode(env, fields);
  const e = fields.values;
  const { publicBaseUrl, redirectUri } = resolveUrls(e, fields.invalid);
  const crossField = checkCrossFieldRules({
    mode,
    ...(redirectUri ? { redirectUri } : {}),
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
    ...(fields.invalid.has('TRUST_PROXY') ? {} : { trustProxy: e.TRUST_PROXY ?? false }),
    scopes: splitSpaces(e.HUBSPOT_SCOPES ?? DEFAULT_HUBSPOT_SCOPES),
    optionalScopes: splitSpaces(e.HUBSPOT_OPTIONAL_SCOPES ?? ''),
    redis: e.REDIS_URL !== undefined || fields.invalid.has('REDIS_URL'),
    database: e.DATABASE_URL !== undefined || fields.invalid.has('DATABASE_URL'),
    upstreamUrls: Object.fromEntries(UPSTREAM_URL_KEYS.flatMap((key) => (e[key] ? [[key, e[key]]] : []))),
  });
  const partners = loadPartners(e.PARTNERS_FILE, env);
  const problems = [...modeProblems, ...fields.problems, ...crossField, ...(partners.ok ? [] : partners.problems)];
  if (problems.length > 0 || !publicBaseUrl || !redirectUri || !partners.ok) return { ok: false, problems };
  const upstreamTimeoutMs = e.UPSTREAM_TIMEOUT_MS ?? 10_000;
  const config: Config = {
    mode,
    development: e.NODE_ENV === 'development',
    host: e.HOST,
    port: e.PORT ?? 3000,
    publicBaseUrl,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL ?? 'info',
    // Demo mode only: a random per-process secret keeps `npm start` credential-free.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(MIN_SESSION_SECRET_LENGTH).toString('base64url'),
    upstreamTimeoutMs,
    // Long enough for a completion that started just before the signal to finish its chain of upstream calls.
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS || Math.max(30_000, UPSTREAM_CALLS_PER_FLOW * upstreamTimeoutMs),
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX ?? 'hac:' } } : {}),
    ...(e.DATABASE_URL ? { database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX ?? 10 } } : {}),
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
    rateLimits: {
      flowStartsPerMinute: e.RATE_LIMIT_FLOW_STARTS_PER_MINUTE ?? 30,
      partnerApiPerMinute: e.RATE_LIMIT_PARTNER_API_PER_MINUTE ?? 300,
    },
    // Demo mode only: sealed tokens then live no longer than the process, like the session secret.
    tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
    hubspot: {
      clientId: e.HUBSPOT_CLIENT_ID ?? '',
      clientSecret: e.HUBSPOT_CLIENT_SECRET ?? '',
      redirectUri,
      callbackPath: new URL(redirectUri).pathname,
      scopes: splitSpaces(e.HUBSPOT_SCOPES ?? DEFAULT_HUBSPOT_SCOPES),
      optionalScopes: splitSpaces(e.HUBSPOT_OPTIONAL_SCOPES ?? ''),
      authorizeUrl: e.HUBSPOT_AUTHORIZE_URL ?? DEFAULT_HUBSPOT_AUTHORIZE_URL,
      apiBaseUrl: stripSlash(e.HUBSPOT_API_BASE_URL ?? DEFAULT_HUBSPOT_API_BASE_URL),
    },
    adobe: {
      clientId: e.ADOBE_CLIENT_ID ?? '',
      clientSecret: e.ADOBE_CLIENT_SECRET ?? '',
      imsOrg: e.ADOBE_IMS_ORG ?? '',
      sandboxName: e.ADOBE_SANDBOX_NAME ?? 'prod',
      imsTokenUrl: e.ADOBE_IMS_TOKEN_URL ?? DEFAULT_ADOBE_IMS_TOKEN_URL,
      scopes: splitCommas(e.ADOBE_SCOPES ?? DEFAULT_ADOBE_SCOPES),
      flowServiceBaseUrl: stripSlash(e.FLOW_SERVICE_BASE_URL ?? DEFAULT_FLOW_SERVICE_BASE_URL),
      schemaRegistryBaseUrl: stripSlash(e.SCHEMA_REGISTRY_BASE_URL ?? DEFAULT_SCHEMA_REGISTRY_BASE_URL),
      catalogBaseUrl: stripSlash(e.CATALOG_BASE_URL ?? DEFAULT_CATALOG_BASE_URL),
      dataPrepBaseUrl: stripSlash(e.DATA_PREP_BASE_URL ?? DEFAULT_DATA_PREP_BASE_URL),
    },
    partners: partners.partners,
    dataflow: {
      mode: e.DATAFLOW ?? 'offer',
      schedule: e.DATAFLOW_SCHEDULE ?? DEFAULT_DATAFLOW_SCHEDULE,
      // On unless switched off, like PUBLIC_CONNECT.
      backfill: env.DATAFLOW_BACKFILL === undefined || e.DATAFLOW_BACKFILL === true,
      profile: e.DATAFLOW_PROFILE === true,
      ...(e.DATAFLOW_DATASET_ID ? { datasetId: e.DATAFLOW_DATASET_ID } : {}),
    },
    // On unless switched off: PUBLIC_CONNECT=false leaves only partners' connect sessions.
    publicConnect: env.PUBLIC_CONNECT === undefined || e.PUBLIC_CONNECT === true,
    health: {
      // On unless switched off, like PUBLIC_CONNECT.
      watch: env.HEALTH_WATCH === undefined || e.HEALTH_WATCH === true,
      intervalMinutes: e.HEALTH_WATCH_INTERVAL_MINUTES ?? 60,
      retainRefreshToken: e.HEALTH_WATCH_RETAIN_REFRESH_TOKEN === true,
      reconnectTtlHours: e.HEALTH_RECONNECT_TTL_HOURS ?? 168,
    },
  };
  return { ok: true, config: deepFreeze(config) };
}

/**
 * PUBLIC_BASE_URL defaults to the redirect URI's origin, else http://localhost:PORT; the redirect URI
 * defaults to PUBLIC_BASE_URL + /oauth/callback. Undefined when a variable they derive from was invalid.
 */
function resolveUrls(e: ParsedEnv, invalid: ReadonlySet<string>): { publicBaseUrl?: string; redirectUri?: string } {
  if (invalid.has('PUBLIC_BASE_URL') || invalid.has('HUBSPOT_REDIRECT_URI')) return {};
  if (!e.PUBLIC_BASE_URL && !e.HUBSPOT_REDIRECT_URI && invalid.has('PORT')) return {};
  const publicBaseUrl = stripSlash(
    e.PUBLIC_BASE_URL ?? (e.HUBSPOT_REDIRECT_URI ? new URL(e.HUBSPOT_REDIRECT_URI).origin : `http://localhost:${e.PORT ?? 3000}`),
  );
  return { publicBaseUrl, redirectUri: e.HUBSPOT_REDIRECT_URI ?? `${publicBaseUrl}/oauth/callback` };
}

/** Returns a frozen copy of `config` with some values replaced (used to point demo mode at the simulators). */
export function withOverrides(config: Config, patch: { hubspot?: Partial<Config['hubspot']>; adobe?: Partial<Config['adobe']> }): Config {
  return deepFreeze({
    ...config,
    hubspot: { ...config.hubspot, ...patch.hubspot },
    adobe: { ...config.adobe, ...patch.adobe },
  });
}

function loadPartners(file: string | undefined, env: Env): { ok: true; partners: Partner[] } | { ok: false; problems: string[] } {
  if (!file) return { ok: true, partners: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`PARTNERS_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  return parsePartnersFile(text, env);
}

const nonEmpty = (v: string | undefined) => v !== undefined && v.trim() !== '';
const blankToUndefined = (env: Env): Env =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, nonEmpty(v) ? v!.trim() : undefined]));
const stripSlash = (url: string) => url.replace(/\/+$/, '');
const splitSpaces = (value: string) => value.split(/\s+/).filter(Boolean);
const splitCommas = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
