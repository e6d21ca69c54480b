import { randomToken } from './pkce.js';

/**
 * The OAuth `state` of one flow: 32 random bytes (RFC 6749 §10.10) followed by the time it was issued,
 * `<random>.<issuedAt base36>`. The time lets a callback that comes back after the flow record has
 * expired be told "expired" rather than "unknown", without keeping abandoned flows in the store. The
 * time is not secret and not trusted: a forged state with an old time only changes which of two
 * "start again" pages is shown; matching still needs the random part's hash in the store.
 */
export function newState(now: number): string {
  return `${randomToken()}.${now.toString(36)}`;
}

/** When a state says it was issued, or undefined when it is not of our shape. */
export function stateIssuedAt(state: string): number | undefined {
  const match = /^[A-Za-z0-9_-]{43}\.([0-9a-z]{1,11})$/.exec(state);
  if (!match?.[1]) return undefined;
  const issuedAt = parseInt(match[1], 36);
  return Number.isSafeInteger(issuedAt) ? issuedAt : undefined;
}
