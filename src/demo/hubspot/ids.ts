import { randomBytes, randomUUID } from 'node:crypto';

/** Hublet prefix of codes and refresh tokens (docs/reference/hubspot-oauth.md §1, §7); the simulator is one na1 portal. */
export const HUBLET = 'na1';

/** `na1-aaaa-bbbb-cccc-dddd-eeeeeeeeeeee`: the shape of HubSpot's codes and refresh tokens (docs/reference/hubspot-oauth.md §1, §2.3). */
export function newHubletId(): string {
  const hex = randomBytes(14).toString('hex');
  // 14 bytes = 28 hex digits = 4+4+4+4+12.
  return `${HUBLET}-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16)}`;
}

/**
 * Opaque base64url access token. HubSpot's vary in length and clients must allow up to 300 characters
 * (docs/reference/hubspot-oauth.md §2.3); 132 random bytes give 176 characters, so clients cannot rely on a short fixed length.
 */
export function newAccessToken(): string {
  return `C${randomBytes(132).toString('base64url')}`;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Opaque id for a consent screen waiting for Grant/Cancel; never derived from client secrets. */
export function newPendingId(): string {
  return randomBytes(24).toString('base64url');
}
