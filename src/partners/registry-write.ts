import type { FlowEvent } from '../flows/flow-events.js';
import { DATAFLOW_ID_KEYS, type ConnectionRegistry, type ConnectionUpsert, type DataflowIds } from '../registry/connection-registry.js';
import type { ConnectSessions } from './connect-session.js';

/**
 * What a finished flow writes to the connection registry, worked out once from the event (and its connect
 * session), as plain JSON: the same write is tried inline and, if the database refuses it, queued as a job
 * (registry-retry.ts), which must not depend on the session still being there. Holds no credential.
 */
export type RegistryWrite =
  | { readonly kind: 'upsert'; readonly row: ConnectionUpsert }
  | { readonly kind: 'dataflow'; readonly connectionId: string; readonly dataflow: DataflowIds; readonly at: number };

/**
 * A connection a flow created or updated is upserted (active again, error cleared), with the partner, its end user
 * and metadata from the connect session when a partner started the flow; the home-page flow has no partner. Failed
 * flows write nothing: nothing was made. A dataflow's ids, as far as its steps got, go on the connection's row.
 */
export async function registryWriteFor(event: FlowEvent, sessions: ConnectSessions): Promise<RegistryWrite | undefined> {
  if (event.type.startsWith('dataflow.')) return dataflowWrite(event);
  if (event.type === 'connection.failed' || !event.connectionId || event.hubId === undefined) return undefined;
  const session = event.origin?.kind === 'connect-session' ? await sessions.get(event.origin.sessionId) : undefined;
  const row: ConnectionUpsert = {
    id: event.connectionId,
    org: event.target.org,
    sandbox: event.target.sandbox,
    hubId: event.hubId,
    ...(event.hubDomain ? { hubDomain: event.hubDomain } : {}),
    ...(event.origin ? { partnerId: event.origin.partnerId } : {}),
    ...(session?.partnerUserId !== undefined ? { partnerUserId: session.partnerUserId } : {}),
    ...(session?.metadata ? { metadata: session.metadata } : {}),
    at: event.at,
  };
  return { kind: 'upsert', row };
}

function dataflowWrite(event: FlowEvent): RegistryWrite | undefined {
  const ids = event.dataflowIds;
  if (!event.connectionId || !ids) return undefined;
  const dataflow = Object.fromEntries(DATAFLOW_ID_KEYS.flatMap((key) => (ids[key] ? [[key, ids[key]]] : []))) as DataflowIds;
  if (Object.keys(dataflow).length === 0) return undefined;
  return { kind: 'dataflow', connectionId: event.connectionId, dataflow, at: event.at };
}

/**
 * Applies a write; safe to repeat, and safe late: the registry keeps a newer row's status and time (its `at`
 * guard), and a dataflow write only ever adds ids. A write for a row that is not there yet (its upsert still
 * queued) throws, so the job tries again after the upsert; one for a deleted row (which the registry never
 * changes) is dropped, as there is nothing left to record them on.
 */
export async function applyRegistryWrite(connections: ConnectionRegistry, write: RegistryWrite): Promise<void> {
  if (write.kind === 'upsert') {
    await connections.upsert(write.row);
    return;
  }
  if (await connections.update(write.connectionId, { dataflow: write.dataflow, at: write.at })) return;
  if ((await connections.get(write.connectionId))?.status === 'deleted') return;
  throw new Error('no registry row yet for the dataflow ids');
}

/** The connection a write is about (for logs: an id, never a token). */
export const connectionIdOf = (write: RegistryWrite): string => (write.kind === 'upsert' ? write.row.id : write.connectionId);
