import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import { DATAFLOW_ID_KEYS, type ConnectionRegistry } from '../registry/connection-registry.js';
import type { ConnectSessions } from './connect-session.js';

/**
 * Keeps the registry of connections in step with finished flows: a connection a flow created or updated is upserted
 * (active again, error cleared), with the partner, its end user and metadata from the connect session when a
 * partner started the flow. The home-page flow has no partner. Failed flows change no row: nothing was made.
 * The dataflow's ids, as far as its steps got, go on the connection's row (deleting it deletes them first).
 */
export function connectionRecorder(connections: ConnectionRegistry, sessions: ConnectSessions): FlowEventSink {
  return {
    async emit(event: FlowEvent) {
      if (event.type.startsWith('dataflow.')) return recordDataflow(connections, event);
      if (event.type === 'connection.failed' || !event.connectionId || event.hubId === undefined) return;
      const session = event.origin?.kind === 'connect-session' ? await sessions.get(event.origin.sessionId) : undefined;
      await connections.upsert({
        id: event.connectionId,
        org: event.target.org,
        sandbox: event.target.sandbox,
        hubId: event.hubId,
        ...(event.hubDomain ? { hubDomain: event.hubDomain } : {}),
        ...(event.origin ? { partnerId: event.origin.partnerId } : {}),
        ...(session?.partnerUserId !== undefined ? { partnerUserId: session.partnerUserId } : {}),
        ...(session?.metadata ? { metadata: session.metadata } : {}),
        at: event.at,
      });
    },
  };
}

async function recordDataflow(connections: ConnectionRegistry, event: FlowEvent): Promise<void> {
  const ids = event.dataflowIds;
  if (!event.connectionId || !ids) return;
  const dataflow = Object.fromEntries(DATAFLOW_ID_KEYS.flatMap((key) => (ids[key] ? [[key, ids[key]]] : [])));
  if (Object.keys(dataflow).length > 0) await connections.update(event.connectionId, { dataflow, at: event.at });
}
