import { afterEach, describe, expect, it, vi } from 'vitest';
import { awaitFinished } from '../../src/flows/begin-run.js';
import { FlowActivity } from '../../src/flows/flow-activity.js';
import type { FlowEvent } from '../../src/flows/flow-events.js';
import { flowKey, type FlowRecord } from '../../src/flows/flow-record.js';
import { recordOutcome } from '../../src/flows/record-outcome.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const running = (id: string): FlowRecord => ({
  id,
  stateHash: 'h',
  browserId: 'b',
  target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
  status: 'running',
  createdAt: 0,
  expiresAt: 0,
});

const connected = (id: string): FlowEvent => ({ type: 'connection.created', flowId: id, at: 0, target: running(id).target });
const ignore = () => undefined;

describe('fast path: waiting for a flow to finish', () => {
  afterEach(() => vi.useRealTimers());

  it('When the flow is saved as finished in this instance, then the wait ends at once, not on the next poll', async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    const activity = new FlowActivity();
    await store.set(flowKey('f1'), running('f1'), 60_000);
    let finished: FlowRecord | undefined;
    void awaitFinished({ store, activity }, 'f1', 5_000).then((r) => (finished = r));
    setTimeout(() => void recordOutcome(store, { ...running('f1'), status: 'connected' }, connected('f1'), activity, ignore), 10);
    // The store is polled every 100 ms; 20 ms in, only the in-process notice can have woken the wait.
    await vi.advanceTimersByTimeAsync(20);
    expect(finished?.status).toBe('connected');
    await store.close();
  });

  it("When another instance in the same process finishes a flow, then this instance's waiter is not woken by it", async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    const mine = new FlowActivity();
    const theirs = new FlowActivity();
    await store.set(flowKey('f4'), running('f4'), 60_000);
    let woken = false;
    const watch = mine.watch('f4');
    void watch.wait(5_000).then(() => (woken = true));
    theirs.saved(connected('f4'));
    await vi.advanceTimersByTimeAsync(20);
    expect(woken).toBe(false);
    mine.saved(connected('f4'));
    await vi.advanceTimersByTimeAsync(1);
    expect(woken).toBe(true);
    watch.stop();
    await store.close();
  });

  it('When the flow is finished by another process (only the store changes), then polling finds it', async () => {
    const store = new MemoryStore();
    await store.set(flowKey('f2'), running('f2'), 60_000);
    setTimeout(() => void store.set(flowKey('f2'), { ...running('f2'), status: 'failed' }, 60_000), 10);
    expect((await awaitFinished({ store, activity: new FlowActivity() }, 'f2', 2_000))?.status).toBe('failed');
    await store.close();
  });

  it('When the flow is still running at the end of the wait, then nothing is returned', async () => {
    const store = new MemoryStore();
    await store.set(flowKey('f3'), running('f3'), 60_000);
    expect(await awaitFinished({ store }, 'f3', 150)).toBeUndefined();
    await store.close();
  });

  it('When the outcome is announced while the store read is under way, then the wait still ends at once', async () => {
    vi.useFakeTimers();
    const inner = new MemoryStore();
    const activity = new FlowActivity();
    await inner.set(flowKey('f5'), running('f5'), 60_000);
    let reads = 0;
    // The first read sees the flow running; the outcome is saved and announced before that read's answer arrives.
    const store = Object.assign(Object.create(inner) as MemoryStore, {
      get: async <T>(key: string): Promise<T | undefined> => {
        const seen = await inner.get<T>(key);
        if ((reads += 1) === 1) await recordOutcome(inner, { ...running('f5'), status: 'connected' }, connected('f5'), activity, ignore);
        return seen;
      },
    });
    let finished: FlowRecord | undefined;
    void awaitFinished({ store, activity }, 'f5', 5_000).then((r) => (finished = r));
    // A poll would come at 100 ms: 20 ms in, only a notice heard during the read can have ended the wait.
    await vi.advanceTimersByTimeAsync(20);
    expect(finished?.status).toBe('connected');
    await inner.close();
  });

  it('When the flow runs in this instance, then the wait reads the store at its start and end, not every 100 ms', async () => {
    vi.useFakeTimers();
    const inner = new MemoryStore();
    const activity = new FlowActivity();
    await inner.set(flowKey('f6'), running('f6'), 60_000);
    activity.running.set('f6', { record: running('f6') });
    let reads = 0;
    const store = Object.assign(Object.create(inner) as MemoryStore, {
      get: <T>(key: string) => ((reads += 1), inner.get<T>(key)),
    });
    let finished: FlowRecord | undefined;
    void awaitFinished({ store, activity }, 'f6', 900).then((r) => (finished = r));
    setTimeout(() => void recordOutcome(inner, { ...running('f6'), status: 'connected' }, connected('f6'), activity, ignore), 450);
    await vi.advanceTimersByTimeAsync(460);
    expect(finished?.status).toBe('connected');
    expect(reads).toBe(2);
    await inner.close();
  });
});
