import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import type { ConnectSessions } from './connect-session.js';

/**
 * Keeps the registry of connections in step with finished flows: a connection a flow created or updated is upserted
 * (active again, error cleared), with the partner, its end user and metadata from the connect session when a
 * partner started the flow. The home-page flow has no partner. Failed flows change no row: nothing was made.
 */
export function connectionRecorder(connections: ConnectionRegistry, sessions: ConnectSessions): FlowEventSink {
  return {
    async emit(event: FlowEvent) {
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
