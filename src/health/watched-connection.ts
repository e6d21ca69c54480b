import type { HealthStatus } from './classify.js';

/**
 * The part of a registry row the watch reads: where the connection lives, whose it is, and its dataflow. The
 * connection registry's rows have this shape; so does its `list`.
 */
export interface WatchedConnection {
  /** The AEP connection id. */
  id: string;
  org: string;
  sandbox: string;
  hubId: number;
  partnerId?: string;
  partnerUserId?: string;
  metadata?: Record<string, string>;
  status: string;
  lastError?: string;
  lastCheckedAt?: number;
  dataflow: { flowId?: string };
}

export interface HealthPatch {
  status?: HealthStatus;
  lastError?: string | null;
  lastCheckedAt?: number;
  at: number;
}

/** What the watch needs of the connection registry. */
export interface WatchedRegistry {
  get(id: string): Promise<WatchedConnection | undefined>;
  /** Undefined when the row is gone or deleted: the registry never changes a deleted row. */
  update(id: string, patch: HealthPatch): Promise<object | undefined>;
  /** Every row but deleted ones, a page at a time. */
  list(query: { limit: number; startingAfter?: string }): Promise<{ rows: WatchedConnection[]; hasMore: boolean } | undefined>;
}

/** Every watched connection, page by page. */
export async function allWatched(registry: WatchedRegistry): Promise<WatchedConnection[]> {
  const rows: WatchedConnection[] = [];
  for (let after: string | undefined; ;) {
    const page = await registry.list({ limit: 100, ...(after !== undefined ? { startingAfter: after } : {}) });
    if (!page) return rows;
    rows.push(...page.rows.filter((r) => r.status !== 'deleted'));
    if (!page.hasMore || page.rows.length === 0) return rows;
    after = page.rows[page.rows.length - 1]!.id;
  }
}
