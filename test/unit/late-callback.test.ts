import { describe, expect, it } from 'vitest';
import { ignoreFlowEvents } from '../../src/flows/flow-events.js';
import { claimFlow } from '../../src/flows/claim-flow.js';
import { startFlow } from '../../src/flows/start-flow.js';
import { MemoryStore } from '../../src/store/memory-store.js';

describe('a callback that comes back after the ten-minute window', () => {
  it('When the store has really aged past the window, then the state is reported expired, not unknown', async () => {
    let now = Date.parse('2026-11-29T04:00:00Z');
    const clock = () => now;
    const store = new MemoryStore({ now: clock });
    let state = '';
    await startFlow(
      {
        store,
        target: { org: 'ORG@AdobeOrg', sandbox: 'prod' },
        buildAuthorizeUrl: (p) => {
          state = p.state;
          return `https://app.hubspot.com/oauth/authorize?state=${p.state}`;
        },
        now: clock,
      },
      'browser-1',
    );
    now += 45 * 60 * 1000;
    await expect(claimFlow(store, { state, browserId: 'browser-1' }, now, ignoreFlowEvents)).rejects.toMatchObject({
      code: 'STATE_EXPIRED',
    });
    await store.close();
  });
});
