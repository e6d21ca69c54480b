import { EventEmitter } from 'node:events';

/**
 * An in-process notice that a flow's outcome was saved, so a callback waiting on the fast path wakes at once
 * instead of on its next poll of the store. Only a hint: a job run by another process is seen by polling.
 */
const finished = new EventEmitter().setMaxListeners(0);

export function announceFinished(flowId: string): void {
  finished.emit(flowId);
}

/** Resolves when `flowId` is announced or after `ms`, whichever comes first. */
export function finishedOrTimeout(flowId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      finished.off(flowId, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    finished.once(flowId, done);
  });
}
