import { connectionMarkerFor, connectionNameFor } from '../../adobe/hubspot-connection-spec.js';
import { AppError } from '../../errors/app-error.js';
import { withLock } from '../../store/with-lock.js';
import { upsertConnection } from '../upsert-connection.js';
import type { Step } from './completion-deps.js';
import { openTokens } from './open-tokens.js';
import { assertPortalUnclaimed, claimPortal } from './portal-claim.js';

/**
 * Renewed while held (src/store/with-lock.ts), so the TTL only bounds how long a crashed holder blocks the
 * portal: another instance resumes the flow within the flow lease plus this.
 */
const CONNECTION_LOCK = { ttlMs: 15_000, waitMs: 20_000 };

/** Creates the portal's connection, or gives the existing one fresh credentials. Idempotent: it finds before it writes. */
export const upsertConnectionStep: Step = {
  name: 'upsert-connection',
  repeatable: true,
  saveBefore: true,
  async run(ctx) {
    const { deps, record } = ctx;
    const hub = record.hub;
    if (!hub) throw new AppError('INTERNAL', 'upsert-connection ran before introspect');
    const tokens = openTokens(ctx);
    // One writer per (org, sandbox, portal): find-then-create must not race with itself.
    const lockKey = `lock:connection:${record.target.org}:${record.target.sandbox}:${hub.hubId}`;
    const { connection, reconnected } = await withLock(deps.store, lockKey, CONNECTION_LOCK, async ({ signal }) => {
      await assertPortalUnclaimed(deps, record, hub.hubId);
      const written = await upsertConnection(ctx.adobe.flowService, ctx.adobe.ims, {
        name: connectionNameFor(hub),
        marker: connectionMarkerFor(hub.hubId),
        settleMs: deps.config.upstreamTimeoutMs * 2,
        ...(record.origin?.reconnect ? { connectionId: record.origin.reconnect.connectionId } : {}),
        leaseLost: signal,
        params: {
          clientId: deps.config.hubspot.clientId,
          clientSecret: deps.config.hubspot.clientSecret,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
        },
      });
      await claimPortal(deps.store, record, hub.hubId, written.connection.id);
      return written;
    });
    await deps.retainRefreshToken?.(connection.id, tokens.refreshToken);
    ctx.record.connection = connection;
    ctx.record.reconnected = reconnected;
  },
};
