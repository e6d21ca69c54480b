import type { ConnectionRegistry } from '../../src/registry/connection-registry.js';

/**
 * A registry whose writes fail while `down` is true, as they would while PostgreSQL is unreachable; reads pass
 * through. `refused` counts the writes it threw on, `written` the ids of the upserts that reached the real one.
 */
export function registryOutage() {
  const outage = {
    down: true,
    refused: 0,
    written: [] as string[],
    wrap(real: ConnectionRegistry): ConnectionRegistry {
      const refuse = () => {
        outage.refused += 1;
        return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      };
      return {
        upsert: async (input) => {
          if (outage.down) return refuse();
          const row = await real.upsert(input);
          outage.written.push(input.id);
          return row;
        },
        update: (id, patch) => (outage.down ? refuse() : real.update(id, patch)),
        get: (id) => real.get(id),
        findLive: (portal) => real.findLive(portal),
        list: (query) => real.list(query),
        countByStatus: () => real.countByStatus(),
        ping: () => real.ping(),
        close: () => real.close(),
      };
    },
  };
  return outage;
}
