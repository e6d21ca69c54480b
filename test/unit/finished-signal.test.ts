import { describe, expect, it, vi } from 'vitest';
import { awaitFinished } from '../../src/flows/begin-run.js';
import { flowKey, saveFlow, type FlowRecord } from '../../src/flows/flow-record.js';
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

describe('fast path: waiting for a flow to finish', () => {
  it('When the flow is saved as finished in this process, then the wait ends at once, not on the next poll', async () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryStore();
      await store.set(flowKey('f1'), running('f1'), 60_000);
      let finished: FlowRecord | undefined;
      void awaitFinished(store, 'f1', 5_000).then((r) => (finished = r));
      setTimeout(() => void saveFlow(store, { ...running('f1'), status: 'connected' }), 10);
      // The store is polled every 100 ms; 20 ms in, only the in-process notice can have woken the wait.
      await vi.advanceTimersByTimeAsync(20);
      expect(finished?.status).toBe('connected');
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('When the flow is finished by another process (only the store changes), then polling finds it', async () => {
    const store = new MemoryStore();
    await store.set(flowKey('f2'), running('f2'), 60_000);
    setTimeout(() => void store.set(flowKey('f2'), { ...running('f2'), status: 'failed' }, 60_000), 10);
    expect((await awaitFinished(store, 'f2', 2_000))?.status).toBe('failed');
    await store.close();
  });

  it('When the flow is still running at the end of the wait, then nothing is returned', async () => {
    const store = new MemoryStore();
    await store.set(flowKey('f3'), running('f3'), 60_000);
    expect(await awaitFinished(store, 'f3', 150)).toBeUndefined();
    await store.close();
  });
});
