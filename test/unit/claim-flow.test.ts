import { afterEach, describe, expect, it } from 'vitest';
import { claimFlow } from '../../src/flows/claim-flow.js';
import { startFlow } from '../../src/flows/start-flow.js';
import { FLOW_START_TTL_MS, flowKey, type FlowRecord } from '../../src/flows/flow-record.js';
import { AppError } from '../../src/errors/app-error.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import type { FlowEvent } from '../../src/flows/flow-events.js';
import { RecordingStore } from '../support/recording-store.js';

/** What the flow's listeners were told (metrics, the partner's webhook), in order, per phase. */
const told: Array<[string, FlowEvent]> = [];
const events = {
  settle: async (e: FlowEvent) => void told.push(['settle', e]),
  emit: async (e: FlowEvent) => void told.push(['emit', e]),
};

const T0 = 1_700_000_000_000;
const stores: MemoryStore[] = [];
afterEach(async () => {
  told.splice(0);
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

function newStore(): RecordingStore {
  const store = new RecordingStore({ now: () => T0 });
  stores.push(store);
  return store;
}

/** Starts a flow and returns its id and the raw state that went into the authorize URL. */
async function start(store: MemoryStore, browserId: string): Promise<{ flowId: string; state: string }> {
  let state = '';
  const { flowId } = await startFlow(
    {
      store,
      target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
      buildAuthorizeUrl: (p) => {
        state = p.state;
        return 'https://hubspot.test/authorize';
      },
      now: () => T0,
    },
    browserId,
  );
  return { flowId, state };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('claimFlow', () => {
  it('When the starting browser brings the state back, then the flow is claimed', async () => {
    const store = newStore();
    const { flowId, state } = await start(store, 'browser-1');
    const result = await claimFlow(store, { state, browserId: 'browser-1' }, T0 + 1000, events);
    expect(result.kind).toBe('claimed');
    expect(result.record.id).toBe(flowId);
    expect(result.record.pkceVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('When the same state comes back a second time, then it is replayed, not claimed again', async () => {
    const store = newStore();
    const { flowId, state } = await start(store, 'browser-1');
    await claimFlow(store, { state, browserId: 'browser-1' }, T0 + 1000, events);
    const again = await claimFlow(store, { state, browserId: 'browser-1' }, T0 + 2000, events);
    expect(again.kind).toBe('replayed');
    expect(again.record.id).toBe(flowId);
  });

  it('When two callbacks with the same state race, then exactly one claims', async () => {
    const store = newStore();
    const { state } = await start(store, 'browser-1');
    const results = await Promise.all([
      claimFlow(store, { state, browserId: 'browser-1' }, T0 + 1000, events),
      claimFlow(store, { state, browserId: 'browser-1' }, T0 + 1000, events),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['claimed', 'replayed']);
  });

  it.each([undefined, ''])('When the state is %j, then STATE_MISSING', async (state) => {
    const store = newStore();
    expect((await rejection(claimFlow(store, { state, browserId: 'browser-1' }, T0, events))).code).toBe('STATE_MISSING');
  });

  it('When the state was never issued, then STATE_UNKNOWN', async () => {
    const store = newStore();
    await start(store, 'browser-1');
    const err = await rejection(claimFlow(store, { state: 'forged-state-value', browserId: 'browser-1' }, T0, events));
    expect(err.code).toBe('STATE_UNKNOWN');
  });

  it('When another browser brings the state, then STATE_OTHER_BROWSER, and the starting browser can still claim it', async () => {
    const store = newStore();
    const { state } = await start(store, 'browser-1');
    expect((await rejection(claimFlow(store, { state, browserId: 'browser-2' }, T0 + 1000, events))).code).toBe('STATE_OTHER_BROWSER');
    expect((await claimFlow(store, { state, browserId: 'browser-1' }, T0 + 2000, events)).kind).toBe('claimed');
  });

  it('When the browser has no id (no session cookie), then STATE_OTHER_BROWSER', async () => {
    const store = newStore();
    const { state } = await start(store, 'browser-1');
    expect((await rejection(claimFlow(store, { state, browserId: undefined }, T0, events))).code).toBe('STATE_OTHER_BROWSER');
  });

  it('When the callback comes after expiresAt, then STATE_EXPIRED and the record is marked failed without its verifier', async () => {
    const store = newStore();
    const { flowId, state } = await start(store, 'browser-1');
    const err = await rejection(claimFlow(store, { state, browserId: 'browser-1' }, T0 + FLOW_START_TTL_MS, events));
    expect(err.code).toBe('STATE_EXPIRED');
    const record = await store.get<FlowRecord>(flowKey(flowId));
    expect(record?.status).toBe('failed');
    expect(record?.error).toEqual({ code: 'STATE_EXPIRED' });
    expect(record).not.toHaveProperty('pkceVerifier');
    // Like every failure, it reaches the listeners (the metric, a partner's session and webhook), settled first.
    expect(told.map(([phase, e]) => [phase, e.type, e.flowId, e.errorCode, e.at])).toEqual([
      ['settle', 'connection.failed', flowId, 'STATE_EXPIRED', T0 + FLOW_START_TTL_MS],
      ['emit', 'connection.failed', flowId, 'STATE_EXPIRED', T0 + FLOW_START_TTL_MS],
    ]);
  });

  it('When the callback comes one millisecond before expiresAt, then the flow is still claimed', async () => {
    const store = newStore();
    const { state } = await start(store, 'browser-1');
    expect((await claimFlow(store, { state, browserId: 'browser-1' }, T0 + FLOW_START_TTL_MS - 1, events)).kind).toBe('claimed');
  });

  it('When the same browser started two flows (two tabs), then each is claimable independently', async () => {
    const store = newStore();
    const tabA = await start(store, 'browser-1');
    const tabB = await start(store, 'browser-1');
    const b = await claimFlow(store, { state: tabB.state, browserId: 'browser-1' }, T0 + 1000, events);
    const a = await claimFlow(store, { state: tabA.state, browserId: 'browser-1' }, T0 + 2000, events);
    expect(b).toMatchObject({ kind: 'claimed', record: { id: tabB.flowId } });
    expect(a).toMatchObject({ kind: 'claimed', record: { id: tabA.flowId } });
  });

  it('When a flow is no longer in the started status, then a first claim is replayed', async () => {
    const store = newStore();
    const { flowId, state } = await start(store, 'browser-1');
    const record = await store.get<FlowRecord>(flowKey(flowId));
    if (!record) throw new Error('missing record');
    await store.set(flowKey(flowId), { ...record, status: 'connected' }, FLOW_START_TTL_MS);
    expect((await claimFlow(store, { state, browserId: 'browser-1' }, T0 + 1000, events)).kind).toBe('replayed');
  });

  it('never writes the raw state into the store while starting, claiming or expiring', async () => {
    const store = newStore();
    const fresh = await start(store, 'browser-1');
    const stale = await start(store, 'browser-1');
    await claimFlow(store, { state: fresh.state, browserId: 'browser-1' }, T0 + 1000, events);
    await rejection(claimFlow(store, { state: stale.state, browserId: 'browser-1' }, T0 + FLOW_START_TTL_MS, events));
    expect(store.writes.length).toBeGreaterThanOrEqual(6);
    for (const state of [fresh.state, stale.state]) {
      for (const write of store.writes) {
        expect(write.key).not.toContain(state);
        expect(write.json).not.toContain(state);
      }
    }
  });
});
