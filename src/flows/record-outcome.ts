import type { KeyValueStore } from '../store/key-value-store.js';
import type { FlowEvent, FlowEventSink } from './flow-events.js';
import { saveFlow, type FlowRecord } from './flow-record.js';

/**
 * A finished flow's one ordered step: the listeners settle what the outcome's readers consult (a partner's
 * connect session), then the record is saved as finished (which wakes a callback waiting on it, here or on
 * another instance polling the store), then the outcome is announced (webhook, metrics). In this order the
 * popup's last page, reached once the record says finished, never reads a session still "started".
 * A failure to settle propagates: the caller decides whether the outcome may be saved without it.
 */
export async function recordOutcome(
  store: KeyValueStore,
  record: FlowRecord,
  event: FlowEvent,
  events: FlowEventSink,
  onAnnounceError: (err: unknown) => void,
): Promise<void> {
  await events.settle?.(event);
  await saveFlow(store, record);
  await events.emit(event).catch(onAnnounceError);
}

/** The event's hub fields, from the record (both outcomes carry them). */
export function hubOf(record: FlowRecord): Pick<FlowEvent, 'hubId' | 'hubDomain'> {
  return record.hub ? { hubId: record.hub.hubId, ...(record.hub.domain ? { hubDomain: record.hub.domain } : {}) } : {};
}
