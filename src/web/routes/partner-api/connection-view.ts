import type { ConnectionRow } from '../../../registry/connection-registry.js';

/**
 * What a partner reads about a connection: the same keys always (null when unknown), `hub_id` as a string (HubSpot
 * ids outgrow what some JSON readers hold exactly), times in ISO 8601. Never the org's credentials or the dataflow's
 * internals. `status`, `last_checked_at` and `last_error` are the health watch's.
 */
export function connectionView(row: ConnectionRow) {
  return {
    id: row.id,
    hub_id: String(row.hubId),
    hub_domain: row.hubDomain ?? null,
    sandbox: row.sandbox,
    partner_user_id: row.partnerUserId ?? null,
    metadata: row.metadata ?? null,
    status: row.status,
    created_at: new Date(row.createdAt).toISOString(),
    updated_at: new Date(row.updatedAt).toISOString(),
    last_checked_at: row.lastCheckedAt !== undefined ? new Date(row.lastCheckedAt).toISOString() : null,
    last_error: row.lastError ?? null,
  };
}
