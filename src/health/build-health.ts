import type { AdobeResolver } from '../adobe/adobe-directory.js';
import type { Config } from '../config/config.js';
import type { FlowEvent, FlowEventSink, FlowEventType } from '../flows/flow-events.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { HealthChecker, type CheckOutcome, type GrantProbe } from './health-checker.js';
import { HealthState } from './health-state.js';
import { HealthWatch } from './health-watch.js';
import { Incidents, type SendHealthEvent } from './incidents.js';
import { OrgGate } from './org-gate.js';
import { ReconnectOffers, type CreateReconnectSession } from './reconnect-offers.js';
import type { WatchedRegistry } from './watched-connection.js';

/** The flow events that give a connection new credentials: a new connection, or new tokens for a known one. */
const REPAIRS: ReadonlySet<FlowEventType> = new Set(['connection.created', 'connection.updated']);

export interface HealthDeps {
  config: Config;
  logger: Logger;
  store: KeyValueStore;
  jobs: JobQueue;
  adobe: AdobeResolver;
  registry: WatchedRegistry;
  send: SendHealthEvent;
  createSession: CreateReconnectSession;
  now: () => number;
  grant?: GrantProbe;
  onCheck?: (outcome: CheckOutcome) => void;
  random?: () => number;
}

/** The health watch's parts for one deployment; `start()` sets the schedule up (or removes it with HEALTH_WATCH=false). */
export function buildHealth(deps: HealthDeps) {
  const { config, now } = deps;
  const state = new HealthState(deps.store, now);
  const gate = new OrgGate(state, now);
  const offers = new ReconnectOffers({
    partners: config.partners,
    publicBaseUrl: config.publicBaseUrl,
    ttlMs: config.health.reconnectTtlHours * 60 * 60 * 1000,
    now,
    createSession: deps.createSession,
  });
  const incidents = new Incidents({ registry: deps.registry, state, offers, send: deps.send, logger: deps.logger, now });
  const checker = new HealthChecker({
    adobe: deps.adobe,
    gate,
    state,
    incidents,
    now,
    ...(deps.grant ? { grant: deps.grant } : {}),
    ...(deps.onCheck ? { onCheck: deps.onCheck } : {}),
  });
  const watch = new HealthWatch({
    registry: deps.registry,
    checker,
    state,
    adobe: deps.adobe,
    gate,
    jobs: deps.jobs,
    intervalMs: config.health.intervalMinutes * 60 * 1000,
    introspect: deps.grant !== undefined,
    now,
    ...(deps.random ? { random: deps.random } : {}),
  });

  /**
   * A successful reconnect repairs the connection at once: the incident closes and `connection.recovered` goes out
   * now, not at the next check. What the broken grant left behind is forgotten: the old test answer, and the failed
   * run from before the new credentials (its id is kept, so only a later run counts). The registry's own recorder
   * has already brought the row back to `active`. Only new credentials repair anything: dataflow events carry the
   * connection id too, but making a dataflow proves nothing about the grant.
   */
  const onReconnect: FlowEventSink = {
    emit: async (event: FlowEvent) => {
      if (!REPAIRS.has(event.type) || !event.connectionId) return;
      const connection = await deps.registry.get(event.connectionId);
      if (!connection) return;
      const { lastRunId } = await state.get(connection.id);
      await state.save(connection.id, lastRunId !== undefined ? { lastRunId, lastRunFailed: false } : {});
      await incidents.recovered(connection);
    },
  };

  return {
    state,
    checker,
    watch,
    onReconnect,
    /** The watch's jobs, registered by the app with the other parts' jobs. */
    jobs: watch.jobs,
    start: () => (config.health.watch ? watch.start() : watch.stop()),
  };
}

export type Health = ReturnType<typeof buildHealth>;
