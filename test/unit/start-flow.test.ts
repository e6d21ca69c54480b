import { afterEach, describe, expect, it } from 'vitest';
import { startFlow } from '../../src/flows/start-flow.js';
import { FLOW_START_TTL_MS, flowKey, stateIndexKey, type FlowRecord } from '../../src/flows/flow-record.js';
import { s256Challenge, sha256Hex } from '../../src/flows/pkce.js';
import type { MemoryStore } from '../../src/store/memory-store.js';
import { RecordingStore } from '../support/recording-store.js';

const NOW = 1_700_000_000_000;
const stores: MemoryStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

function setup() {
  const store = new RecordingStore({ now: () => NOW });
  stores.push(store);
  const issued: Array<{ state: string; codeChallenge: string }> = [];
  const deps = {
    store,
    target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
    buildAuthorizeUrl: (p: { state: string; codeChallenge: string }) => {
      issued.push(p);
      return `https://hubspot.test/authorize?state=${p.state}`;
    },
    now: () => NOW,
  };
  return { store, issued, deps };
}

describe('startFlow', () => {
  it('stores a started record for this browser, indexed by the hash of the state, with a ten-minute deadline', async () => {
    const { store, issued, deps } = setup();
    const { flowId, authorizeUrl } = await startFlow(deps, 'browser-1');
    const sent = issued[0];
    if (!sent) throw new Error('buildAuthorizeUrl was not called');
    expect(authorizeUrl).toBe(`https://hubspot.test/authorize?state=${sent.state}`);

    const record = await store.get<FlowRecord>(flowKey(flowId));
    expect(record).toMatchObject({
      id: flowId,
      browserId: 'browser-1',
      target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
      status: 'started',
      createdAt: NOW,
      expiresAt: NOW + FLOW_START_TTL_MS,
      stateHash: sha256Hex(sent.state),
    });
    expect(await store.get<string>(stateIndexKey(sha256Hex(sent.state)))).toBe(flowId);
  });

  it('sends the S256 challenge of the stored verifier, never the verifier itself', async () => {
    const { store, issued, deps } = setup();
    const { flowId } = await startFlow(deps, 'browser-1');
    const record = await store.get<FlowRecord>(flowKey(flowId));
    const sent = issued[0];
    if (!record?.pkceVerifier || !sent) throw new Error('missing verifier or authorize call');
    expect(sent.codeChallenge).toBe(s256Challenge(record.pkceVerifier));
    expect(sent.codeChallenge).not.toBe(record.pkceVerifier);
    expect(sent.state).not.toBe(record.pkceVerifier);
  });

  it('never stores the raw state, in any key or value', async () => {
    const { store, issued, deps } = setup();
    await startFlow(deps, 'browser-1');
    await startFlow(deps, 'browser-1');
    expect(store.writes.length).toBeGreaterThan(0);
    for (const { state } of issued) {
      for (const write of store.writes) {
        expect(write.key).not.toContain(state);
        expect(write.json).not.toContain(state);
      }
    }
  });

  it('When the same browser starts twice (two tabs), then each attempt gets its own state, verifier and record', async () => {
    const { store, issued, deps } = setup();
    const a = await startFlow(deps, 'browser-1');
    const b = await startFlow(deps, 'browser-1');
    expect(a.flowId).not.toBe(b.flowId);
    const [first, second] = issued;
    expect(first?.state).not.toBe(second?.state);
    expect(first?.codeChallenge).not.toBe(second?.codeChallenge);
    expect((await store.get<FlowRecord>(flowKey(a.flowId)))?.status).toBe('started');
    expect((await store.get<FlowRecord>(flowKey(b.flowId)))?.status).toBe('started');
  });
});
