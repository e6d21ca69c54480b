import { randomUUID } from 'node:crypto';
import type { DataflowSettings } from '../config/dataflow-settings.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import type { FlowOrigin } from './flow-events.js';
import { FLOW_START_TTL_MS, flowKey, stateIndexKey, type FlowRecord } from './flow-record.js';
import { newState } from './flow-state.js';
import { randomToken, s256Challenge, sha256Hex } from './pkce.js';

export interface StartFlowDeps {
  store: KeyValueStore;
  target: { org: string; sandbox: string };
  /** Set when a partner's connect session starts the flow. */
  origin?: FlowOrigin;
  buildAuthorizeUrl(params: { state: string; codeChallenge: string }): string;
  now?: () => number;
  /** What happens after the connection; fixed now, so the page before HubSpot and the outcome agree. */
  dataflow?: DataflowSettings;
}

/**
 * Starts one Connect HubSpot attempt for a browser: a fresh state and PKCE verifier per attempt, so
 * several tabs can run at once without overwriting each other (express-session pitfall, docs/reference/peers-and-security.md §B.4).
 */
export async function startFlow(deps: StartFlowDeps, browserId: string): Promise<{ flowId: string; authorizeUrl: string }> {
  const now = (deps.now ?? Date.now)();
  const state = newState(now);
  const pkceVerifier = randomToken();
  const record: FlowRecord = {
    id: randomUUID(),
    stateHash: sha256Hex(state),
    pkceVerifier,
    browserId,
    target: deps.target,
    ...(deps.origin ? { origin: deps.origin } : {}),
    ...(deps.dataflow && deps.dataflow.mode !== 'off' ? { dataflow: { settings: deps.dataflow, ids: {}, warnings: [] } } : {}),
    status: 'started',
    createdAt: now,
    expiresAt: now + FLOW_START_TTL_MS,
  };
  await deps.store.set(flowKey(record.id), record, FLOW_START_TTL_MS);
  await deps.store.set(stateIndexKey(record.stateHash), record.id, FLOW_START_TTL_MS);
  return {
    flowId: record.id,
    authorizeUrl: deps.buildAuthorizeUrl({ state, codeChallenge: s256Challenge(pkceVerifier) }),
  };
}
