import type { ExistingConnection, FlowServiceClient, HubSpotAuthParams } from '../adobe/flow-service-client.js';
import { AppError, isAppError } from '../errors/app-error.js';
import { lookAgain } from './dataflow/find-or-create.js';

export interface TokenSource {
  getToken(): Promise<string>;
  invalidate(): void;
}

export interface UpsertResult {
  connection: ExistingConnection;
  /** True when an existing connection for this portal got fresh credentials instead of a new one being made. */
  reconnected: boolean;
}

export interface UpsertInput {
  name: string;
  /** Stable identity of the portal's connection, written as its description (connectionMarkerFor). */
  marker: string;
  params: HubSpotAuthParams;
  /**
   * A reconnect: only this connection may be updated, never another made, so that its id (and the dataflows built on
   * it) stay. Gone at Adobe: AEP_NOT_FOUND.
   */
  connectionId?: string;
  /** After a POST with unknown outcome, how long to keep looking for what it made before giving up (ms). */
  settleMs?: number;
  /** Aborted when the per-portal lock was lost: nothing may be created then, another holder may be creating. */
  leaseLost?: AbortSignal;
}

/** Outcomes of a POST that leave us not knowing whether Adobe created the connection. */
const UNKNOWN_OUTCOME = new Set(['AEP_TIMEOUT', 'AEP_UNAVAILABLE']);

/**
 * One connection per (org, sandbox, portal) — the dedupe key of docs/reference/peers-and-security.md §C.3. We find the
 * portal's connection by its marker (or, for connections made before markers, by name) and PATCH its credentials
 * (If-Match); only when none exists do we POST. A POST whose answer was lost is looked up before anything is re-sent.
 */
export async function upsertConnection(flowService: FlowServiceClient, ims: TokenSource, input: UpsertInput): Promise<UpsertResult> {
  return withFreshTokenOnRejection(ims, async (token) => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const existing = await findPortalConnection(flowService, token, input);
      if (!existing && input.connectionId) throw new AppError('AEP_NOT_FOUND', 'the connection to re-authorize is gone at Adobe');
      if (!existing) return { connection: await createOrFind(flowService, token, input), reconnected: false };
      const updated = await flowService.replaceAuthParams(token, existing, input.params, input.marker);
      // 412: someone changed it between our read and write; read again once, then give up.
      if (updated !== 'stale') return { connection: updated, reconnected: true };
    }
    // Changed under us twice: the new credentials are not in place, so this is a failure, never a success.
    throw new AppError('AEP_CONNECTION_CHANGING', 'connection kept changing between read and conditional update (412 twice)');
  });
}

async function findPortalConnection(
  flowService: FlowServiceClient,
  token: string,
  input: UpsertInput,
): Promise<ExistingConnection | undefined> {
  const wanted = (found: ExistingConnection[]) => (input.connectionId ? found.filter((c) => c.id === input.connectionId) : found)[0];
  const byMarker = wanted(await flowService.findByMarker(token, input.marker));
  if (byMarker) return byMarker;
  return wanted(await flowService.findByName(token, input.name));
}

async function createOrFind(flowService: FlowServiceClient, token: string, input: UpsertInput): Promise<ExistingConnection> {
  input.leaseLost?.throwIfAborted();
  try {
    return await flowService.createConnection(token, { name: input.name, description: input.marker, params: input.params });
  } catch (err) {
    if (!isAppError(err) || !UNKNOWN_OUTCOME.has(err.code)) throw err;
    // The answer was lost, not necessarily the work: a slow server may still finish it, and what it made
    // carries our marker. Look for a while; the flow then fails retryably and Retry looks again first.
    const find = async () => (await flowService.findByMarker(token, input.marker))[0];
    return lookAgain(find, err, input.settleMs ?? 0);
  }
}

/**
 * A cached IMS token can be revoked before it expires. On a 401 from Flow Service (which creates
 * nothing) we fetch a new token and run the step once more.
 */
export async function withFreshTokenOnRejection<T>(ims: TokenSource, step: (token: string) => Promise<T>): Promise<T> {
  try {
    return await step(await ims.getToken());
  } catch (err) {
    if (!isAppError(err) || err.code !== 'AEP_UNAUTHORIZED') throw err;
    ims.invalidate();
    return step(await ims.getToken());
  }
}
