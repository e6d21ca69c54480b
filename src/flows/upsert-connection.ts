import type { ExistingConnection, FlowServiceClient, HubSpotAuthParams } from '../adobe/flow-service-client.js';
import { AppError, isAppError } from '../errors/app-error.js';

export interface TokenSource {
  getToken(): Promise<string>;
  invalidate(): void;
}

export interface UpsertResult {
  connection: ExistingConnection;
  /** True when an existing connection for this portal got fresh credentials instead of a new one being made. */
  reconnected: boolean;
}

/**
 * One connection per (org, sandbox, portal) — the dedupe key of docs/reference/peers-and-security.md §C.3. We look for the
 * portal's connection by name first and PATCH its credentials (If-Match); only when none exists do we POST.
 * This also makes "Start again" safe after an unknown outcome: a retry finds what the lost POST made.
 */
export async function upsertConnection(
  flowService: FlowServiceClient,
  ims: TokenSource,
  input: { name: string; description: string; params: HubSpotAuthParams },
): Promise<UpsertResult> {
  return withFreshTokenOnRejection(ims, async (token) => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const [existing] = await flowService.findByName(token, input.name);
      if (!existing) {
        return { connection: await flowService.createConnection(token, input), reconnected: false };
      }
      const updated = await flowService.replaceAuthParams(token, existing, input.params);
      // 412: someone changed it between our read and write; read again once, then give up.
      if (updated !== 'stale') return { connection: updated, reconnected: true };
    }
    // Changed under us twice: the new credentials are not in place, so this is a failure, never a success.
    throw new AppError('FLOW_UNAVAILABLE', 'connection kept changing between read and conditional update (412 twice)');
  });
}

/**
 * A cached IMS token can be revoked before it expires. On a 401 from Flow Service (which creates
 * nothing) we fetch a new token and run the step once more.
 */
async function withFreshTokenOnRejection<T>(ims: TokenSource, step: (token: string) => Promise<T>): Promise<T> {
  try {
    return await step(await ims.getToken());
  } catch (err) {
    if (!isAppError(err) || err.code !== 'FLOW_UNAUTHORIZED') throw err;
    ims.invalidate();
    return step(await ims.getToken());
  }
}
