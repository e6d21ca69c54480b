import type { Partner } from './partner.js';
import type { DataflowSettings } from './dataflow-settings.js';

/** The one validated, frozen configuration object the whole service is built from. */
export interface Config {
  /** `sandbox`: demo mode, no credentials configured; the entry point runs the built-in simulators. */
  readonly mode: 'live' | 'demo';
  /** NODE_ENV is `development` (`npm run dev`): views are re-read on every render, logs are pretty on a terminal. */
  readonly development: boolean;
  /** Interface to listen on; undefined means every interface (Node's default). */
  readonly host: string | undefined;
  readonly port: number;
  /** Origin (and optional path prefix) users reach us at, without a trailing slash. */
  readonly publicBaseUrl: string;
  /** Value for Express `trust proxy` (false unless a TLS-terminating proxy sits in front). */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionSecret: string;
  /** AES-256-GCM key (32 bytes, base64) sealing HubSpot tokens kept server-side for resume and Retry. */
  readonly tokenEncryptionKey: string;
  /** Deadline for any single upstream call, in milliseconds. */
  readonly upstreamTimeoutMs: number;
  /** How long a shutdown waits for in-flight requests and background jobs before exiting anyway. */
  readonly shutdownTimeoutMs: number;
  /** Shared state, sessions, jobs and rate limits; unset means one instance with everything in memory. */
  readonly redis?: { readonly url: string; readonly keyPrefix: string };
  /**
   * PostgreSQL for the registry of connections (and the partner event log); unset means an in-memory registry that
   * a restart forgets. `poolMax`: connections this instance opens at most.
   */
  readonly database?: { readonly url: string; readonly poolMax: number };
  /** `/metrics` is served on this port only (never on the public one); unset means no metrics endpoint. */
  readonly metricsPort?: number;
  /** Requests per minute: flow starts per client IP, partner API calls per API key. */
  readonly rateLimits: { readonly flowStartsPerMinute: number; readonly partnerApiPerMinute: number };
  readonly hubspot: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
    /** Path of `redirectUri`; the callback route is served there. */
    readonly callbackPath: string;
    readonly scopes: readonly string[];
    readonly optionalScopes: readonly string[];
    readonly authorizeUrl: string;
    readonly apiBaseUrl: string;
  };
  readonly adobe: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly imsOrg: string;
    readonly sandboxName: string;
    readonly imsTokenUrl: string;
    readonly scopes: readonly string[];
    readonly flowServiceBaseUrl: string;
    readonly schemaRegistryBaseUrl: string;
    readonly catalogBaseUrl: string;
    readonly dataPrepBaseUrl: string;
  };
  /** Partners from PARTNERS_FILE (empty without it), secrets resolved. */
  readonly partners: readonly Partner[];
  /** What happens after a connection: the deployment's dataflow settings (a partner may override them). */
  readonly dataflow: DataflowSettings;
  /** False: the anonymous home-page flow is off; connections start only from partners' connect sessions. */
  readonly publicConnect: boolean;
  readonly health: {
    /** HEALTH_WATCH: the periodic watch of connections (check-now works either way). */
    readonly watch: boolean;
    readonly intervalMinutes: number;
    /** Keep each grant's HubSpot refresh token sealed, to introspect it every 24 h. */
    readonly retainRefreshToken: boolean;
    /** How long a reconnect link offered in `connection.unhealthy` stays valid. */
    readonly reconnectTtlHours: number;
  };
}

/** Deeply freezes a plain configuration tree. URLs are kept as strings because a URL instance stays mutable when frozen. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
