import type { Probe } from '../adobe/flow-health-client.js';
import type { TokenSealer } from '../flows/sealed-tokens.js';
import type { RefreshTokenState } from '../hubspot/introspect-refresh-token.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import type { HealthSignals } from './classify.js';

/**
 * As long as the watch's other memory of a connection; a reconnect replaces it, each answered introspection renews
 * it (so a token still watched never lapses silently), and a deletion of the connection removes it.
 */
const KEEP_MS = 90 * 24 * 60 * 60 * 1000;
const tokenKey = (connectionId: string) => `health-token:${connectionId}`;
const boundTo = (connectionId: string) => `health:${connectionId}`;

/**
 * The HubSpot refresh tokens kept for introspection (HEALTH_WATCH_RETAIN_REFRESH_TOKEN), sealed with AES-256-GCM as
 * the flows' tokens are, bound to the connection id so that a sealed value copied to another key does not open.
 */
export class RetainedTokens {
  constructor(
    private readonly store: KeyValueStore,
    private readonly sealer: TokenSealer,
  ) {}

  keep(connectionId: string, refreshToken: string): Promise<void> {
    return this.store.set(tokenKey(connectionId), this.sealer.seal(boundTo(connectionId), refreshToken), KEEP_MS);
  }

  /**
   * Introspects the kept token with `ask`; undefined when none is kept. Once HubSpot has answered, the token is kept
   * another 90 days, only if it is still the one asked about (a reconnect may have replaced it meanwhile).
   */
  async introspect(
    connectionId: string,
    ask: (refreshToken: string) => Promise<RefreshTokenState>,
  ): Promise<RefreshTokenState | undefined> {
    const sealed = await this.store.get<string>(tokenKey(connectionId));
    const token = sealed !== undefined ? this.sealer.open<string>(boundTo(connectionId), sealed) : undefined;
    if (sealed === undefined || token === undefined) return undefined;
    const state = await ask(token);
    if (state.kind !== 'unknown') await this.store.extendIfEquals(tokenKey(connectionId), sealed, KEEP_MS);
    return state;
  }

  /** The connection was deleted: nothing of its grant stays with us. */
  forget(connectionId: string): Promise<void> {
    return this.store.delete(tokenKey(connectionId));
  }
}

/** Introspection's answer as a health signal: a required scope missing is `scopes_reduced`. */
export function grantSignal(state: RefreshTokenState, requiredScopes: readonly string[]): Probe<NonNullable<HealthSignals['grant']>> {
  if (state.kind === 'unknown')
    return { known: false, why: state.why, ...(state.retryAfterMs !== undefined ? { retryAfterMs: state.retryAfterMs } : {}) };
  if (state.kind === 'inactive') return { known: true, value: 'inactive' };
  return { known: true, value: requiredScopes.every((s) => state.scopes.includes(s)) ? 'active' : 'scopes_reduced' };
}
