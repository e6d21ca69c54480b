import type { RegisteredApp } from './app-registry.js';
import type { HubSpotSimPortal, HubSpotSimStats } from './types.js';

/** A consent screen shown and waiting for Grant or Cancel. */
export interface PendingAuthorization {
  id: string;
  app: RegisteredApp;
  redirectUri: string;
  state: string | undefined;
  /** Scopes the token will carry: requested minus those the portal withholds. */
  granted: string[];
  withheld: string[];
  codeChallenge: string | undefined;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | undefined;
  expiresAtMs: number;
  used: boolean;
  /** The account picked on the consent screen, when not the simulator's default portal. */
  hubId?: number;
}

export interface RefreshTokenRecord {
  token: string;
  app: RegisteredApp;
  scopes: string[];
  revoked: boolean;
  hubId?: number;
}

export interface AccessTokenRecord {
  token: string;
  app: RegisteredApp;
  scopes: string[];
  expiresAtMs: number;
  hubId?: number;
}

/** Everything one simulator instance remembers; nothing lives at module level. */
export class SimState {
  readonly pending = new Map<string, PendingAuthorization>();
  readonly codes = new Map<string, AuthCodeRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly counters: HubSpotSimStats = { codesIssued: 0, codesExchanged: 0, tokensIssued: 0 };

  constructor(
    readonly apps: ReadonlyMap<string, RegisteredApp>,
    readonly portal: HubSpotSimPortal,
    readonly codeTtlMs: number,
    readonly accessTokenTtlSec: number,
    readonly denyMode: 'redirect' | 'none',
  ) {}

  /**
   * The account a code or token belongs to: the default portal, or another account the user picked on the
   * consent screen (a user with several portals chooses one, as on HubSpot's account selector), which
   * shares its user and differs in hub id and domain.
   */
  portalOf(record: { hubId?: number }): HubSpotSimPortal {
    if (record.hubId === undefined || record.hubId === this.portal.hubId) return this.portal;
    return { ...this.portal, hubId: record.hubId, domain: `hub-${record.hubId}.${this.portal.domain}` };
  }

  /** Access token if known and not expired. */
  liveAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    return record && record.expiresAtMs > Date.now() ? record : undefined;
  }

  /** Refresh token if known and not revoked (HubSpot's refresh tokens do not expire, docs/reference/hubspot-oauth.md §4). */
  liveRefreshToken(token: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    return record && !record.revoked ? record : undefined;
  }
}
