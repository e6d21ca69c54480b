import { AppError } from '../../errors/app-error.js';
import type { ConnectionRegistry } from '../../registry/connection-registry.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import type { FlowRecord } from '../flow-record.js';

/**
 * Who owns a portal's connection, from the moment it is written at Adobe. The registry row that says the same is
 * written only when the flow finishes (its outcome step, after the explore, or later by the registry's retry), so in
 * between a second owner's flow could find no row, pass check-owner, take the per-portal lock the first had just
 * released, and give the first owner's connection its own tokens. The claim closes that gap: read before and written
 * after the Adobe write, both under the per-portal lock. It outlives the registry's retries (two to four minutes, database-retry.ts) by far;
 * once it lapses, the registry row decides (check-owner).
 */
interface PortalClaim {
  /** The owning partner, or null for the home page. */
  partnerId: string | null;
  connectionId: string;
}

const CLAIM_TTL_MS = 60 * 60 * 1000;

const claimKey = (record: FlowRecord, hubId: number) => `portal-owner:${record.target.org}:${record.target.sandbox}:${hubId}`;
/** A flow's owner: its partner, or null for the home page. */
export const ownerOf = (record: FlowRecord): string | null => record.origin?.partnerId ?? null;

/** An owner in a log line (never shown to the user or partner, who see only the code). */
export const describeOwner = (partnerId: string | null | undefined): string => (partnerId ? `partner ${partnerId}` : 'the home page');

/**
 * Throws CONNECTION_OWNED_ELSEWHERE when another owner wrote this portal's connection and the registry does not show
 * it deleted since. Call with the per-portal lock held, before anything is written at Adobe.
 */
export async function assertPortalUnclaimed(
  deps: { store: KeyValueStore; connections: Pick<ConnectionRegistry, 'get'> },
  record: FlowRecord,
  hubId: number,
): Promise<void> {
  const claim = await deps.store.get<PortalClaim>(claimKey(record, hubId));
  if (!claim || claim.partnerId === ownerOf(record)) return;
  const row = await deps.connections.get(claim.connectionId);
  if (row?.status === 'deleted') return;
  throw new AppError(
    'CONNECTION_OWNED_ELSEWHERE',
    `connection ${claim.connectionId} of this portal was just written for ${describeOwner(claim.partnerId)}`,
  );
}

/** Records this flow's owner as the portal's, still under the lock, once its connection is written at Adobe. */
export function claimPortal(store: KeyValueStore, record: FlowRecord, hubId: number, connectionId: string): Promise<void> {
  return store.set<PortalClaim>(claimKey(record, hubId), { partnerId: ownerOf(record), connectionId }, CLAIM_TTL_MS);
}
