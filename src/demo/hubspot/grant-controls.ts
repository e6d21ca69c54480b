import type { SimState } from './state.js';
import type { GrantStatus } from './types.js';

/**
 * The changes a portal admin makes in HubSpot that break a grant without the app being told: uninstalling the app
 * ("Connected apps" → Uninstall: every refresh token of the install dies, and the access tokens with it) and taking a
 * scope away from an installed app. A new consent (a reconnect) issues a fresh grant with the scopes it asks for.
 */
export class GrantControls {
  readonly #state: SimState;

  constructor(state: SimState) {
    this.#state = state;
  }

  /** Uninstalls the app from the portal: refresh tokens are revoked, access tokens stop working. */
  uninstall(clientId?: string): number {
    let revoked = 0;
    for (const refresh of this.#state.refreshTokens.values()) {
      if (refresh.revoked || (clientId !== undefined && refresh.app.clientId !== clientId)) continue;
      refresh.revoked = true;
      revoked += 1;
    }
    for (const [token, access] of this.#state.accessTokens) {
      if (clientId === undefined || access.app.clientId === clientId) this.#state.accessTokens.delete(token);
    }
    return revoked;
  }

  /** Removes `scope` from every live grant (and the access tokens minted from them). */
  removeScope(scope: string): number {
    let changed = 0;
    for (const record of [...this.#state.refreshTokens.values(), ...this.#state.accessTokens.values()]) {
      const kept = record.scopes.filter((s) => s !== scope);
      if (kept.length === record.scopes.length) continue;
      record.scopes = kept;
      changed += 1;
    }
    return changed;
  }

  /** The grant behind a refresh token; an unknown token reads as inactive. */
  grantOf(refreshToken: string): GrantStatus {
    const refresh = this.#state.liveRefreshToken(refreshToken);
    return refresh ? { active: true, scopes: [...refresh.scopes] } : { active: false, scopes: [] };
  }
}
