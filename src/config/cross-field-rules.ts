/** What the cross-field rules look at; a value is absent when its variable was invalid (already reported). */
export interface CrossFieldInput {
  mode: 'live' | 'demo';
  redirectUri?: string;
  publicBaseUrl?: string;
  /** Undefined when TRUST_PROXY was invalid. */
  trustProxy?: boolean | number | string;
  scopes: readonly string[];
  optionalScopes: readonly string[];
  /** Whether REDIS_URL / DATABASE_URL were given (valid or not). */
  redis?: boolean;
  database?: boolean;
  /** Upstream URLs by variable name (only those set, and valid). */
  upstreamUrls: Record<string, string>;
}

/** Rules that involve more than one variable; each message says what to change. */
export function checkCrossFieldRules(input: CrossFieldInput): string[] {
  return [...redirectRules(input), ...proxyRules(input), ...upstreamRules(input), ...scopeRules(input), ...databaseRules(input)];
}

function redirectRules({ redirectUri, publicBaseUrl }: CrossFieldInput): string[] {
  if (!redirectUri) return [];
  const problems: string[] = [];
  const redirect = new URL(redirectUri);
  // HubSpot: https except for localhost, and a domain, not an IP address (docs/reference/hubspot-oauth.md §1).
  if (/^\[|^\d+\.\d+\.\d+\.\d+$/.test(redirect.hostname)) {
    problems.push('HUBSPOT_REDIRECT_URI: HubSpot does not accept IP addresses; use a domain name such as localhost');
  }
  if (redirect.protocol !== 'https:' && redirect.hostname !== 'localhost') {
    problems.push('HUBSPOT_REDIRECT_URI: HubSpot requires https except for localhost');
  }
  // The callback must receive the session cookie set when the flow started, so it has to be served
  // by this service on the same origin users reach it at.
  if (publicBaseUrl && redirect.origin !== new URL(publicBaseUrl).origin) {
    problems.push(
      `HUBSPOT_REDIRECT_URI (${redirect.origin}) and PUBLIC_BASE_URL (${new URL(publicBaseUrl).origin}) must have the same origin, ` +
        'so that the browser sends its session cookie to the callback',
    );
  }
  if (redirect.search || redirect.hash) problems.push('HUBSPOT_REDIRECT_URI must not carry a query string or fragment');
  return problems;
}

/**
 * This service speaks plain http, so an https public address means a TLS-terminating proxy in front.
 * Without `trust proxy` Express sees http, express-session never sets the Secure cookie, and every
 * sign-in fails after consent (https://expressjs.com/en/guide/behind-proxies.html; express-session README, cookie.secure).
 */
function proxyRules({ publicBaseUrl, trustProxy }: CrossFieldInput): string[] {
  // Undefined: TRUST_PROXY was invalid and is reported already; 0 hops trusts no proxy at all.
  if (!publicBaseUrl?.startsWith('https:') || trustProxy === undefined || (trustProxy !== false && trustProxy !== 0)) return [];
  return [
    'PUBLIC_BASE_URL is https but TRUST_PROXY is not set (or trusts no proxy). This service serves plain http behind a proxy that handles TLS; ' +
      'without TRUST_PROXY it thinks requests are insecure, never sends its Secure session cookie, and every sign-in ' +
      'fails after HubSpot consent with "started in another browser". Set TRUST_PROXY=1 (one proxy in front), or the ' +
      'addresses of your proxies.',
  ];
}

/** Secrets and tokens travel to these URLs: in live mode they must be https, except on this machine (local tests). */
function upstreamRules({ mode, upstreamUrls }: CrossFieldInput): string[] {
  if (mode !== 'live') return [];
  return Object.entries(upstreamUrls)
    .filter(([, url]) => new URL(url).protocol === 'http:' && !isLoopback(new URL(url).hostname))
    .map(([name, url]) => `${name} must use https: client secrets and tokens would travel in clear text to ${url}`);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function scopeRules({ scopes, optionalScopes }: CrossFieldInput): string[] {
  const problems: string[] = [];
  if (!scopes.includes('oauth')) {
    problems.push('HUBSPOT_SCOPES must include "oauth": HubSpot adds it to every app and rejects install URLs without it');
  }
  if (scopes.some((s) => s.includes(','))) problems.push('HUBSPOT_SCOPES must be space-separated, not comma-separated');
  const both = optionalScopes.filter((s) => scopes.includes(s));
  if (both.length > 0) problems.push(`HUBSPOT_OPTIONAL_SCOPES repeats required scopes: ${both.join(' ')}`);
  return problems;
}

/**
 * Several instances (REDIS_URL) each with a registry in its own memory would each list different connections and
 * forget them on restart: they must share one database.
 */
function databaseRules({ redis, database }: CrossFieldInput): string[] {
  if (!redis || database) return [];
  return [
    'DATABASE_URL is required when REDIS_URL is set: several instances must share one PostgreSQL database for the ' +
      'connections they make and the events they send. Set DATABASE_URL=postgres://user:password@host:5432/database',
  ];
}
