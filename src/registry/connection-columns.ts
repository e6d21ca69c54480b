import type { ConnectionRow, ConnectionStatus, DataflowIds } from './connection-registry.js';

/** A `connections` row as node-postgres returns it (timestamptz as Date, bigint as string). */
export interface ConnectionRecord {
  id: string;
  aep_org: string;
  sandbox: string;
  hub_id: string;
  hub_domain: string | null;
  partner_id: string | null;
  partner_user_id: string | null;
  metadata: Record<string, string> | null;
  status: ConnectionStatus;
  created_at: Date;
  updated_at: Date;
  last_error: string | null;
  last_checked_at: Date | null;
  flow_id: string | null;
  source_connection_id: string | null;
  target_connection_id: string | null;
  dataset_id: string | null;
  schema_id: string | null;
  schema_alt_id: string | null;
  descriptor_id: string | null;
  mapping_set_id: string | null;
}

/** The column holding each dataflow id. */
export const DATAFLOW_COLUMNS = {
  flowId: 'flow_id',
  sourceConnectionId: 'source_connection_id',
  targetConnectionId: 'target_connection_id',
  datasetId: 'dataset_id',
  schemaId: 'schema_id',
  schemaAltId: 'schema_alt_id',
  descriptorId: 'descriptor_id',
  mappingSetId: 'mapping_set_id',
} as const satisfies Record<keyof Required<DataflowIds>, keyof ConnectionRecord>;

/** The row in the registry's own shape: absent rather than null, times in epoch milliseconds. */
export function fromDatabase(r: ConnectionRecord): ConnectionRow {
  const dataflow: DataflowIds = {};
  for (const [key, column] of Object.entries(DATAFLOW_COLUMNS) as [keyof DataflowIds, keyof ConnectionRecord][]) {
    const value = r[column];
    if (typeof value === 'string') dataflow[key] = value;
  }
  return {
    id: r.id,
    org: r.aep_org,
    sandbox: r.sandbox,
    hubId: Number(r.hub_id),
    ...(r.hub_domain !== null ? { hubDomain: r.hub_domain } : {}),
    ...(r.partner_id !== null ? { partnerId: r.partner_id } : {}),
    ...(r.partner_user_id !== null ? { partnerUserId: r.partner_user_id } : {}),
    ...(r.metadata !== null ? { metadata: r.metadata } : {}),
    status: r.status,
    createdAt: r.created_at.getTime(),
    updatedAt: r.updated_at.getTime(),
    ...(r.last_error !== null ? { lastError: r.last_error } : {}),
    ...(r.last_checked_at !== null ? { lastCheckedAt: r.last_checked_at.getTime() } : {}),
    dataflow,
  };
}
