import { describe, expect, it } from 'vitest';
import { ignoreFlowEvents } from '../../src/flows/flow-events.js';
import { claimFlow } from '../../src/flows/claim-flow.js';
import { newState, stateIssuedAt } from '../../src/flows/flow-state.js';
import { MemoryStore } from '../../src/store/memory-store.js';

describe('flow state: random part plus issue time', () => {
  it('carries the time it was issued and 256 random bits', () => {
    const at = Date.parse('2026-11-29T04:00:00Z');
    const state = newState(at);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}\.[0-9a-z]+$/);
    expect(stateIssuedAt(state)).toBe(at);
    expect(newState(at)).not.toBe(state);
  });

  it('reads no time from a state of another shape', () => {
    for (const s of ['abc', 'x'.repeat(43), `${'x'.repeat(43)}.`, `${'x'.repeat(43)}.ZZ`, `${'x'.repeat(42)}.1a`]) {
      expect(stateIssuedAt(s)).toBeUndefined();
    }
  });

  it('When an unknown state is recent or of another shape, then it is unknown; when old, expired', async () => {
    const store = new MemoryStore();
    const now = Date.now();
    const claim = (state: string) => claimFlow(store, { state, browserId: 'b' }, now, ignoreFlowEvents);
    await expect(claim(newState(now - 60_000))).rejects.toMatchObject({ code: 'STATE_UNKNOWN' });
    await expect(claim('forged')).rejects.toMatchObject({ code: 'STATE_UNKNOWN' });
    await expect(claim(newState(now - 11 * 60_000))).rejects.toMatchObject({ code: 'STATE_EXPIRED' });
    await store.close();
  });
});
