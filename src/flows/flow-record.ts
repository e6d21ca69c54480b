import type { ErrorCode } from '../errors/error-codes.js';
import type { FlowOrigin } from './flow-events.js';
import type { DataflowState, DataflowStepName } from './dataflow/dataflow-state.js';

/** `running`: the callback handed the flow to a `complete-flow` job; steps are being done. */
export type FlowStatus = 'started' | 'running' | 'connected' | 'failed';

/** The completion steps, in order (the table is src/flows/complete/index.ts). */
export type StepName =
  'exchange-code' | 'introspect' | 'check-scopes' | 'check-owner' | 'ims-token' | 'upsert-connection' | 'verify' | DataflowStepName;

/** The HubSpot portal a flow connected, as learned from the token response and introspection. */
export interface HubPortal {
  hubId: number;
  /** Optional: HubSpot's introspection schema does not require it; pages fall back to the hub id. */
  domain?: string;
  user?: string;
  scopes: readonly string[];
}

/**
 * One Connect HubSpot attempt, from the click to the result page. HubSpot's code and tokens appear here
 * only sealed (AES-256-GCM, src/flows/sealed-tokens.ts), for at most 15 minutes, and never reach a page.
 */
export interface FlowRecord {
  id: string;
  /** SHA-256 of `state`; the state itself is never stored (RFC 6749 §10.12: accessible only to client and user agent). */
  stateHash: string;
  /** PKCE code_verifier (RFC 7636). Secret until the exchange, then dropped from the record. */
  pkceVerifier?: string;
  /** Random id kept in this browser's session; the callback must come from the same browser. */
  browserId: string;
  target: { org: string; sandbox: string };
  /** Set when a partner's connect session started this flow; the outcome step sends the browser back there. */
  origin?: FlowOrigin;
  status: FlowStatus;
  /** Steps finished, in order; completion resumes from the first step not in this list. */
  stepsDone?: StepName[];
  /** The step being worked on (shown on the progress page; the failed step when failed). */
  currentStep?: StepName;
  /** Which run of completion owns the flow (1, then +1 per Retry or recovery); the job id includes it. */
  run?: number;
  /** When the current run was handed to the job queue (the progress page reloads sooner while it is young). */
  runStartedAt?: number;
  /** The worker's lease: renewed while steps run. Past it, the reader re-enqueues or fails the flow. */
  leaseUntil?: number;
  /** How many times an expired lease was picked up again. */
  recoveries?: number;
  /** Sealed secrets: the authorization code until exchanged, then HubSpot's tokens; gone after success or failure without Retry. */
  sealed?: { code?: string; tokens?: string; expiresAt: number };
  hub?: HubPortal;
  connection?: { id: string; etag: string; name: string };
  /** True when the portal's existing connection got fresh credentials (no second connection made). */
  reconnected?: boolean;
  /** HubSpot tables Flow Service sees through the connection (explore root), when it answered. */
  tables?: string[];
  /** Explore failed: the connection exists but nothing was verified (the page warns). */
  verifyFailed?: boolean;
  /** Granted scopes the service asked for as optional but did not get (shown as a warning). */
  warnings?: string[];
  error?: { code: ErrorCode; details?: Record<string, string | number | readonly string[]> };
  /** The dataflow after the connection (its settings are fixed when the flow starts); absent when DATAFLOW is off. */
  dataflow?: DataflowState;
  createdAt: number;
  expiresAt: number;
}

export const flowKey = (id: string) => `flow:${id}`;
export const stateIndexKey = (stateHash: string) => `flow-state:${stateHash}`;
export const claimKey = (id: string) => `flow-claim:${id}`;

/** A started flow must come back within 10 minutes (HubSpot codes are short-lived too). */
export const FLOW_START_TTL_MS = 10 * 60 * 1000;
/** Finished flows stay readable for the result page for an hour. */
export const FLOW_RESULT_TTL_MS = 60 * 60 * 1000;

export async function saveFlow(store: { set<T>(key: string, value: T, ttlMs: number): Promise<void> }, record: FlowRecord): Promise<void> {
  await store.set(flowKey(record.id), record, FLOW_RESULT_TTL_MS);
}

/** Steps are being run: the connection's, or (once connected) the dataflow's. A worker holds the lease. */
export const isRunning = (record: FlowRecord): boolean => record.status === 'running' || record.dataflow?.status === 'running';

/** A flow whose outcome is known. */
export const isFinished = (record: FlowRecord): boolean => record.status === 'connected' || record.status === 'failed';
