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

  /** Whether `flowId`'s steps run in this instance now: its outcome is then announced here (`saved`) when saved. */
  runsHere(flowId: string): boolean {
    return this.running.has(flowId);
  }

  /**
   * Listens for `flowId`'s outcome from now on. A waiter starts listening before it reads the store, so an outcome
   * saved while that read is under way still wakes it: without that, a notice that came between the read and the
   * wait would be lost, and only the next poll would see the flow finished.
   */
  watch(flowId: string): FinishWatch {
    let heard = false;
    let wake: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const onSaved = () => {
      heard = true;
      wake?.();
    };
    this.#finished.once(flowId, onSaved);
    return {
      wait: (ms) =>
        heard
          ? Promise.resolve()
          : new Promise((resolve) => {
              timer = setTimeout(resolve, ms);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            }),
      stop: () => {
        clearTimeout(timer);
        this.#finished.off(flowId, onSaved);
      },
    };
  }
}

/** One waiter's ear for a flow's outcome (FlowActivity.watch). */
export interface FinishWatch {
  /** Resolves when the outcome was announced since the watch began (at once if it already was), or after `ms`. */
  wait(ms: number): Promise<void>;
  /** Stops listening; call it once done, whatever the wait gave. */
  stop(): void;
}
