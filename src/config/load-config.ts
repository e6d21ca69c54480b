import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parsePartnersFile } from '../partners/registry.js';
import type { Partner } from '../partners/partner.js';
import { deepFreeze, type Config } from './config.js';
import {
  CREDENTIAL_KEYS,
  DEFAULT_ADOBE_IMS_TOKEN_URL,
  DEFAULT_ADOBE_SCOPES,
  DEFAULT_FLOW_SERVICE_BASE_URL,
  DEFAULT_HUBSPOT_API_BASE_URL,
  DEFAULT_HUBSPOT_AUTHORIZE_URL,
  DEFAULT_HUBSPOT_SCOPES,
  MIN_SESSION_SECRET_LENGTH,
} from './defaults.js';
import { envSchema } from './env-schema.js';
import { checkCrossFieldRules } from './cross-field-rules.js';

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

/**
 * Validates the environment into a frozen Config, reporting every problem at once
 * (express-openid-connect reports only the first; operators prefer the whole list).
 */
export function loadConfig(env: Env): ConfigResult {
  const present = CREDENTIAL_KEYS.filter((key) => nonEmpty(env[key]));
  const missing = present.length > 0 ? CREDENTIAL_KEYS.filter((key) => !present.includes(key)) : [];
  const problems = missing.map(
    (key) =>
      `${key} is required: some credentials are set (${present.join(', ')}), so this is not sandbox mode. ` +
      'Set all of them for live use, or none to run against the built-in simulators.',
  );
  const mode = present.length === 0 ? 'sandbox' : 'live';
  const parsed = envSchema(mode).safeParse(blankToUndefined(env));
  if (!parsed.success) {
    // Missing credentials are already explained above; list every other problem with them.
    for (const issue of parsed.error.issues) {
      if (!(missing as readonly unknown[]).includes(issue.path[0])) problems.push(`${issue.path.join('.') || 'env'}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  const partners = loadPartners(e.PARTNERS_FILE, env);
  if (!partners.ok) return partners;
  const publicBaseUrl = stripSlash(
    e.PUBLIC_BASE_URL ?? (e.HUBSPOT_REDIRECT_URI ? new URL(e.HUBSPOT_REDIRECT_URI).origin : `http://localhost:${e.PORT}`),
  );
  const redirectUri = e.HUBSPOT_REDIRECT_URI ?? `${publicBaseUrl}/oauth/callback`;
  const config: Config = {
    mode,
    port: e.PORT,
    publicBaseUrl,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    // Sandbox mode only: a random per-process secret keeps `npm start` credential-free.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(MIN_SESSION_SECRET_LENGTH).toString('base64url'),
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
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
      sandboxName: e.ADOBE_SANDBOX_NAME,
      imsTokenUrl: e.ADOBE_IMS_TOKEN_URL ?? DEFAULT_ADOBE_IMS_TOKEN_URL,
      scopes: splitCommas(e.ADOBE_SCOPES ?? DEFAULT_ADOBE_SCOPES),
      flowServiceBaseUrl: stripSlash(e.FLOW_SERVICE_BASE_URL ?? DEFAULT_FLOW_SERVICE_BASE_URL),
    },
    partners: partners.partners,
    publicConnect: e.PUBLIC_CONNECT === 'true',
  };
  // Cross-field rules need parsed values, so they run once every single value is valid.
  const crossField = checkCrossFieldRules(config);
  return crossField.length > 0 ? { ok: false, problems: crossField } : { ok: true, config: deepFreeze(config) };
}

/** Returns a frozen copy of `config` with some values replaced (used to point sandbox mode at the simulators). */
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
const blankToUndefined = (env: Env) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, nonEmpty(v) ? v!.trim() : undefined]));
const stripSlash = (url: string) => url.replace(/\/+$/, '');
const splitSpaces = (value: string) => value.split(/\s+/).filter(Boolean);
const splitCommas = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
