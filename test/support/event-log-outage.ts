import type { EventLog } from '../../src/events/event-log.js';

/**
 * An event log whose writes fail while `down` is true, as they would while PostgreSQL is unreachable; reads pass
 * through. `refused` counts the writes it threw on, `appended` the ids of the events that reached the real one.
 */
export function eventLogOutage() {
  const outage = {
    down: true,
    refused: 0,
    appended: [] as string[],
    wrap(real: EventLog): EventLog {
      const refuse = () => {
        outage.refused += 1;
        return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      };
      return {
        append: async (partnerId, event) => {
          if (outage.down) return refuse();
          await real.append(partnerId, event);
          outage.appended.push(event.id);
        },
        recordDelivery: (eventId, attempt) => (outage.down ? refuse() : real.recordDelivery(eventId, attempt)),
        get: (partnerId, eventId) => real.get(partnerId, eventId),
        list: (partnerId, query) => real.list(partnerId, query),
        ping: () => real.ping(),
        close: () => real.close(),
      };
    },
  };
  return outage;
}
