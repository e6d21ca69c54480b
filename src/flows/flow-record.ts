import type { ErrorCode } from '../errors/error-codes.js';
import type { FlowOrigin } from './flow-events.js';

export type FlowStatus = 'started' | 'authorized' | 'submitting' | 'connected' | 'failed';

/** The HubSpot portal a flow connected, as learned from the token response and introspection. */
export interface HubPortal {
  hubId: number;
  domain: string;
  user?: string;
  scopes: readonly string[];
}

/**
 * One Connect HubSpot attempt, from the click to the result page. It never holds a HubSpot token:
 * tokens exist in plaintext only inside the completion step that uses them (docs/ARCHITECTURE.md).
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
  hub?: HubPortal;
  connection?: { id: string; etag: string; name: string };
  /** True when the portal's existing connection got fresh credentials (no second connection made). */
  reconnected?: boolean;
  /** HubSpot tables Flow Service sees through the connection (explore root), when it answered. */
  tables?: string[];
  /** Granted scopes the service asked for as optional but did not get (shown as a warning). */
  warnings?: string[];
  error?: { code: ErrorCode; details?: Record<string, string | number | readonly string[]> };
  createdAt: number;
  expiresAt: number;
}

export const flowKey = (id: string) => `flow:${id}`;
export const stateIndexKey = (stateHash: string) => `flow-state:${stateHash}`;
export const claimKey = (id: string) => `flow-claim:${id}`;

/** A started flow must come back within 10 minutes (HubSpot codes are short-lived too). */
export const FLOW_START_TTL_MS = 10 * 60 * 1000;
/**
 * A started flow is kept past its claim window, so that a callback arriving late hears "expired"
 * rather than "we do not recognise this attempt"; `expiresAt` still ends the window at 10 minutes.
 */
export const FLOW_STARTED_RECORD_TTL_MS = 2 * 60 * 60 * 1000;
/** Finished flows stay readable for the result page for an hour. */
export const FLOW_RESULT_TTL_MS = 60 * 60 * 1000;
