/**
 * The durable registry of connections: one row per Adobe Flow Service connection this service made or updated,
 * keyed by the AEP connection id (the `connection_id` partners receive). MemoryRegistry serves one instance and
 * demo mode; PostgresRegistry serves many and survives restarts. test/support/connection-registry-contract.ts runs
 * against both.
 */
export type ConnectionStatus = 'active' | 'needs_reauth' | 'error' | 'deleted';

export const CONNECTION_STATUSES: readonly ConnectionStatus[] = ['active', 'needs_reauth', 'error', 'deleted'];

/**
 * The Adobe objects of the connection's dataflow, once one exists, as their ids. Deleting a connection deletes them
 * first, in reverse order of creation (Adobe refuses to delete a connection a flow still uses).
 */
export interface DataflowIds {
  flowId?: string;
  sourceConnectionId?: string;
  targetConnectionId?: string;
  datasetId?: string;
  schemaId?: string;
  schemaAltId?: string;
  descriptorId?: string;
  mappingSetId?: string;
}

export const DATAFLOW_ID_KEYS = [
  'flowId',
  'sourceConnectionId',
  'targetConnectionId',
  'datasetId',
  'schemaId',
  'schemaAltId',
  'descriptorId',
  'mappingSetId',
] as const satisfies readonly (keyof DataflowIds)[];

export interface ConnectionRow {
  /** The AEP connection id. */
  id: string;
  /** The Adobe IMS org and sandbox the connection lives in. */
  org: string;
  sandbox: string;
  hubId: number;
  hubDomain?: string;
  /** The partner whose connect session made or last re-authorized it; none for the home-page flow. */
  partnerId?: string;
  partnerUserId?: string;
  metadata?: Record<string, string>;
  status: ConnectionStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  /** The error code that put the connection in `error` or `needs_reauth`. */
  lastError?: string;
  /** When the health watch last checked the connection at Adobe. */
  lastCheckedAt?: number;
  dataflow: DataflowIds;
}

/** What a finished flow knows about the connection it created or updated. */
export type ConnectionUpsert = Pick<
  ConnectionRow,
  'id' | 'org' | 'sandbox' | 'hubId' | 'hubDomain' | 'partnerId' | 'partnerUserId' | 'metadata'
> & {
  at: number;
};

/**
 * A change to an existing row; `null` clears a field. A `deleted` row is never changed: its Adobe objects are gone,
 * and a write that started before the deletion (a health check) would otherwise bring it back; `update` answers
 * undefined for it, as for an unknown id.
 */
export interface ConnectionPatch {
  status?: ConnectionStatus;
  lastError?: string | null;
  lastCheckedAt?: number | null;
  dataflow?: { [K in keyof DataflowIds]?: string | null };
  at: number;
}

/** Where one portal's connection lives: one connection per (org, sandbox, portal). */
export type PortalKey = Pick<ConnectionRow, 'org' | 'sandbox' | 'hubId'>;

export interface ConnectionQuery {
  /** Only this partner's rows; `null`: only rows made without a partner (the home page); absent: every row. */
  partnerId?: string | null;
  partnerUserId?: string;
  /** Absent: every status except `deleted`. */
  status?: ConnectionStatus;
  /** 1–100. */
  limit: number;
  /** The id of the last row of the previous page. */
  startingAfter?: string;
}

export interface ConnectionPage {
  rows: ConnectionRow[];
  hasMore: boolean;
}

export interface ConnectionRegistry {
  /**
   * Records a connection a flow created or updated: inserted `active`, or, when known, brought back to `active`
   * with its error cleared and the hub and end-user fields replaced (the partner fields only when given: the
   * home-page flow does not take a partner's connection away). Keeps `created_at` and the dataflow ids.
   * An upsert older than the row (`at` before its `updated_at`: a retried write arriving after the connection was
   * checked, re-authorized or deleted) changes nothing and returns the row as it is, so a late retry never brings
   * back an older status nor moves `updated_at` back; repeating the same upsert is harmless.
   */
  upsert(input: ConnectionUpsert): Promise<ConnectionRow>;
  get(id: string): Promise<ConnectionRow | undefined>;
  /** The rows of one HubSpot portal in one AEP org and sandbox that are not `deleted`, newest first (its owner). */
  findLive(portal: PortalKey): Promise<ConnectionRow[]>;
  /**
   * Changes a known row; undefined when there is none or it is `deleted` (ConnectionPatch). `updated_at` never
   * moves back: a patch older than the row (retried dataflow ids arriving late) still applies its fields, which only
   * ever add ids, but keeps the newer time.
   */
  update(id: string, patch: ConnectionPatch): Promise<ConnectionRow | undefined>;
  /** Newest first (created_at, then id). Undefined when `startingAfter` names no row in the partner scope asked for. */
  list(query: ConnectionQuery): Promise<ConnectionPage | undefined>;
  countByStatus(): Promise<Record<ConnectionStatus, number>>;
  /** Whether the backing database answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
