import { EventEmitter } from 'node:events';
import type { FlowEvent, FlowEventSink } from './flow-events.js';
import type { FlowRecord } from './flow-record.js';

/**
 * What one instance knows of the flows it is running now: their working copies (so a shutdown without Redis can
 * fail them clearly instead of leaving them "running") and an in-process notice that a flow's outcome was saved (so
 * a callback waiting on the fast path wakes at once instead of on its next poll of the store). It belongs to the
 * instance, not to the module: two apps in one process (as in the tests) never see each other's flows. The notice is
 * only a hint: a job run by another process is seen by polling the store.
 */
export class FlowActivity implements FlowEventSink {
  /** Flows whose steps run in this instance now, by id: each run's working copy (a step context). */
  readonly running = new Map<string, { readonly record: FlowRecord }>();
  readonly #finished = new EventEmitter().setMaxListeners(0);

  /** Told by the outcome step right after the finished record is saved (see record-outcome.ts). */
  saved(event: FlowEvent): void {
    this.#finished.emit(event.flowId);
  }

  async emit(): Promise<void> {}

  /** Resolves when `flowId`'s outcome is saved in this instance, or after `ms`, whichever comes first. */
  finishedOrTimeout(flowId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#finished.off(flowId, done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#finished.once(flowId, done);
    });
  }
}
