import type { FlowEvent, FlowEventSink } from '../flows/flow-events.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import type { ConnectSessions } from './connect-session.js';
import type { RegistryRetry } from './registry-retry.js';
import { applyRegistryWrite, registryWriteFor } from './registry-write.js';

/**
 * Keeps the registry of connections in step with finished flows (what is written: registry-write.ts). The write is
 * tried inline, so the row normally exists before the partner's webhook goes out (services.ts tells this sink
 * first). If the database refuses it, it is queued for retry and not reported as a failure: the webhook and the
 * health watch still hear of the event, and the row appears once the database is back. Only a write that could not
 * even be queued is thrown (the flow's log then says `flow event not delivered`).
 */
export function connectionRecorder(connections: ConnectionRegistry, sessions: ConnectSessions, retry: RegistryRetry): FlowEventSink {
  return {
    async emit(event: FlowEvent) {
      const write = await registryWriteFor(event, sessions);
      if (!write) return;
      try {
        await applyRegistryWrite(connections, write);
      } catch (err) {
        const queued = await retry.queue(event, write, err).then(
          () => true,
          () => false,
        );
        if (!queued) throw err;
      }
    },
  };
}
