import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { FLOW_START_TTL_MS, claimKey, flowKey, stateIndexKey, type FlowRecord } from './flow-record.js';
import { failFlow } from './fail-flow.js';
import type { FlowEventSink } from './flow-events.js';
import { stateIssuedAt } from './flow-state.js';
import { sha256Hex } from './pkce.js';

export type ClaimResult = { kind: 'claimed'; record: FlowRecord } | { kind: 'replayed'; record: FlowRecord };

/**
 * Matches a callback's `state` to the flow this browser started, and claims it exactly once.
 * RFC 9700 §2.1 / §4.2.4: state is one-time use and bound to the user agent. A second callback with the
 * same state (a reload, a replay) gets `replayed`: the caller shows the first outcome, never runs again.
 */
export async function claimFlow(
  store: KeyValueStore,
  input: { state: string | undefined; browserId: string | undefined },
  now: number,
  events: FlowEventSink,
): Promise<ClaimResult> {
  if (!input.state) throw new AppError('STATE_MISSING', 'callback without state');
  const stateHash = sha256Hex(input.state);
  const flowId = await store.get<string>(stateIndexKey(stateHash));
  const record = flowId ? await store.get<FlowRecord>(flowKey(flowId)) : undefined;
  if (!record) {
    // The record lives as long as the flow's window; past it, the state's own issue time tells "expired" apart.
    const issuedAt = stateIssuedAt(input.state);
    if (issuedAt !== undefined && now >= issuedAt + FLOW_START_TTL_MS) {
      throw new AppError('STATE_EXPIRED', 'state older than the flow lifetime; its record has expired');
    }
    throw new AppError('STATE_UNKNOWN', 'no flow for this state (forged, or from another deployment)');
  }
  if (!input.browserId || !sameString(record.browserId, input.browserId)) {
    throw new AppError('STATE_OTHER_BROWSER', 'state belongs to another browser session');
  }
  const claimed = await store.setIfAbsent(claimKey(record.id), now, FLOW_START_TTL_MS * 6);
  if (!claimed) return { kind: 'replayed', record };
  if (record.status !== 'started') return { kind: 'replayed', record };
  if (now >= record.expiresAt) {
    // Failed like any other flow: its metric and, for a partner's flow, its session and webhook.
    await failFlow(store, record, 'STATE_EXPIRED', events, () => now);
    throw new AppError('STATE_EXPIRED', 'flow older than its ten-minute lifetime');
  }
  return { kind: 'claimed', record };
}

/** Constant-time comparison of two browser ids (no timing oracle on whose flow this is). */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
