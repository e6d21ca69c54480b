import {
  CONNECTION_STATUSES,
  type ConnectionPage,
  type ConnectionPatch,
  type ConnectionQuery,
  type ConnectionRegistry,
  type ConnectionRow,
  type ConnectionStatus,
  type ConnectionUpsert,
  type DataflowIds,
  type PortalKey,
} from './connection-registry.js';

/**
 * The registry in this process's memory: demo mode, tests and a single instance. A restart forgets it (the entry
 * point says so at start). Rows are copied in and out, so it behaves like the database.
 */
export class MemoryRegistry implements ConnectionRegistry {
  private readonly rows = new Map<string, ConnectionRow>();
  /** Row ids by portal, so that a flow's owner check (findLive) reads its portal's rows, not every row. */
  private readonly byPortal = new Map<string, Set<string>>();

  async upsert(input: ConnectionUpsert): Promise<ConnectionRow> {
    const known = this.rows.get(input.id);
    // Older than the row: a late retry changes nothing (ConnectionRegistry.upsert).
    if (known && known.updatedAt > input.at) return structuredClone(known);
    const row: ConnectionRow = stripUndefined({
      id: input.id,
      org: input.org,
      sandbox: input.sandbox,
      hubId: input.hubId,
      hubDomain: input.hubDomain ?? known?.hubDomain,
      partnerId: input.partnerId ?? known?.partnerId,
      partnerUserId: input.partnerId ? input.partnerUserId : known?.partnerUserId,
      metadata: input.partnerId ? input.metadata : known?.metadata,
      status: 'active',
      createdAt: known?.createdAt ?? input.at,
      updatedAt: input.at,
      lastCheckedAt: known?.lastCheckedAt,
      dataflow: { ...known?.dataflow },
    });
    if (known) this.byPortal.get(portalKey(known))?.delete(known.id);
    this.rows.set(row.id, row);
    const key = portalKey(row);
    this.byPortal.set(key, (this.byPortal.get(key) ?? new Set<string>()).add(row.id));
    return structuredClone(row);
  }

  async get(id: string): Promise<ConnectionRow | undefined> {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }

  async findLive(portal: PortalKey): Promise<ConnectionRow[]> {
    return [...(this.byPortal.get(portalKey(portal)) ?? [])]
      .map((id) => this.rows.get(id)!)
      .filter((r) => r.status !== 'deleted')
      .sort(newestFirst)
      .map((r) => structuredClone(r));
  }

  async update(id: string, patch: ConnectionPatch): Promise<ConnectionRow | undefined> {
    const known = this.rows.get(id);
    // A deleted row is final (ConnectionPatch): a health check that overlapped the DELETE must not revive it.
    if (!known || known.status === 'deleted') return undefined;
    const dataflow: DataflowIds = { ...known.dataflow };
    for (const [key, value] of Object.entries(patch.dataflow ?? {}) as [keyof DataflowIds, string | null | undefined][]) {
      if (value === null) delete dataflow[key];
      else if (value !== undefined) dataflow[key] = value;
    }
    const row: ConnectionRow = stripUndefined({
      ...known,
      status: patch.status ?? known.status,
      lastError: patch.lastError === undefined ? known.lastError : (patch.lastError ?? undefined),
      lastCheckedAt: patch.lastCheckedAt === undefined ? known.lastCheckedAt : (patch.lastCheckedAt ?? undefined),
      updatedAt: Math.max(known.updatedAt, patch.at),
      dataflow,
    });
    this.rows.set(id, row);
    return structuredClone(row);
  }

  async list(query: ConnectionQuery): Promise<ConnectionPage | undefined> {
    const inScope = [...this.rows.values()].filter((r) => query.partnerId === undefined || (r.partnerId ?? null) === query.partnerId);
    let candidates = inScope
      .filter((r) => (query.status ? r.status === query.status : r.status !== 'deleted'))
      .filter((r) => query.partnerUserId === undefined || r.partnerUserId === query.partnerUserId)
      .sort(newestFirst);
    if (query.startingAfter !== undefined) {
      const cursor = inScope.find((r) => r.id === query.startingAfter);
      if (!cursor) return undefined;
      candidates = candidates.filter((r) => newestFirst(cursor, r) < 0);
    }
    return { rows: candidates.slice(0, query.limit).map((r) => structuredClone(r)), hasMore: candidates.length > query.limit };
  }

  async countByStatus(): Promise<Record<ConnectionStatus, number>> {
    const counts = Object.fromEntries(CONNECTION_STATUSES.map((s) => [s, 0])) as Record<ConnectionStatus, number>;
    for (const row of this.rows.values()) counts[row.status] += 1;
    return counts;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}

const portalKey = (p: PortalKey) => `${p.org}\n${p.sandbox}\n${p.hubId}`;

/** created_at descending, then id descending: the order PostgreSQL's index gives. */
function newestFirst(a: ConnectionRow, b: ConnectionRow): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
