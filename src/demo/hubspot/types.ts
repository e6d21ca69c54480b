import type { FaultInjector } from '../kit/faults.js';
import type { RequestLog } from '../kit/request-log.js';

/** What HubSpot would make of a refresh token right now: usable or not, and with which scopes. */
export interface GrantStatus {
  active: boolean;
  scopes: string[];
}

/** An app as registered in a HubSpot developer account (Auth settings). */
export interface HubSpotSimApp {
  /** The app's public name, as its developer registered it; the consent page shows it. */
  name?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** `oauth` is always required as well: HubSpot adds it to every app (docs/reference/hubspot-oauth.md §5). */
  requiredScopes: string[];
  optionalScopes?: string[];
}

/** The one account (portal) and user that installs apps through the simulator. */
export interface HubSpotSimPortal {
  hubId: number;
  domain: string;
  user: string;
  userId: number;
  appId?: number;
  /** scopes this account cannot grant (dropped if optional; if required, still dropped to simulate a token lacking it) */
  withheldScopes?: string[];
}

export interface HubSpotSimOptions {
  port?: number;
  apps: HubSpotSimApp[];
  portal: HubSpotSimPortal;
  /** Default 5 min; HubSpot only says the exchange window is short (docs/reference/hubspot-oauth.md §1). */
  codeTtlMs?: number;
  /** Default 1800, the documented 30 min (docs/reference/hubspot-oauth.md §4). */
  accessTokenTtlSec?: number;
  /** 'redirect' (default): Cancel redirects with ?error=access_denied&error_description=…&state=…; 'none': Cancel shows a HubSpot page and never calls back */
  denyMode?: 'redirect' | 'none';
}

export interface HubSpotSimStats {
  codesIssued: number;
  codesExchanged: number;
  /** Access tokens issued, by either grant. */
  tokensIssued: number;
}

export interface HubSpotSimulator {
  /** Base URL; serves both app.hubspot.com-style pages and the api.hubapi.com-style API. */
  url: string;
  /** `${url}/oauth/authorize` */
  authorizeUrl: string;
  /** Same as `url`. */
  apiBaseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  /** number of codes issued / exchanged etc. for assertions */
  stats(): HubSpotSimStats;
  /** Changes the portal's domain, as HubSpot does when a portal moves to a new domain. */
  setPortalDomain(domain: string): void;
  /** The portal uninstalls the app (or only the app `clientId`): its grants die; returns how many. */
  uninstallApp(clientId?: string): number;
  /** An admin takes `scope` away from the installed app: live grants lose it; returns how many changed. */
  removeScope(scope: string): number;
  /** Whether HubSpot would honour this refresh token now, and its scopes (what Adobe's side runs into). */
  grantOf(refreshToken: string): GrantStatus;
  /** The user consents on another portal from now on (a user who belongs to several). */
  signInTo(portal: { hubId: number; domain: string }): void;
  close(): Promise<void>;
}
