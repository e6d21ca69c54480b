import type { AdobeResolver } from '../adobe/adobe-directory.js';
import type { Config } from '../config/config.js';
import type { TokenSealer } from '../flows/sealed-tokens.js';
import { buildHealth, type HealthDeps } from '../health/build-health.js';
import { grantSignal, RetainedTokens } from '../health/retained-tokens.js';
import type { UpstreamClient } from '../http/upstream-client.js';
import { introspectRefreshToken } from '../hubspot/introspect-refresh-token.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../ops/metrics.js';
import { ConnectSessions } from '../partners/connect-session.js';
import type { ConnectionRegistry } from '../registry/connection-registry.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { sessionPagePath } from '../web/routes/partner-api/connect-sessions-route.js';

export interface HealthWiringDeps {
  config: Config;
  logger: Logger;
  kv: KeyValueStore;
  jobs: JobQueue;
  http: UpstreamClient;
  adobe: AdobeResolver;
  connections: ConnectionRegistry;
  sealer: TokenSealer;
  metrics: Metrics;
  now: () => number;
  send: HealthDeps['send'];
  random?: () => number;
}

/**
 * The health watch as a deployment runs it: reconnect links are connect sessions bound to the connection (back to
 * the partner's first return URL, living HEALTH_RECONNECT_TTL_HOURS), and with HEALTH_WATCH_RETAIN_REFRESH_TOKEN
 * the grant is probed by introspecting the sealed refresh token kept at connect time.
 */
export function wireHealth(deps: HealthWiringDeps) {
  const { config, now } = deps;
  const retained = config.health.retainRefreshToken ? new RetainedTokens(deps.kv, deps.sealer) : undefined;
  const reconnectSessions = new ConnectSessions(deps.kv, now, config.health.reconnectTtlHours * 60 * 60 * 1000);
  const health = buildHealth({
    config,
    logger: deps.logger,
    store: deps.kv,
    jobs: deps.jobs,
    adobe: deps.adobe,
    registry: deps.connections,
    send: deps.send,
    createSession: async ({ partner, connection }) => {
      const { session, token } = await reconnectSessions.create({
        partnerId: partner.id,
        sandbox: connection.sandbox,
        ...(partner.returnUrls[0] ? { returnUrl: partner.returnUrls[0] } : {}),
        ...(connection.partnerUserId !== undefined ? { partnerUserId: connection.partnerUserId } : {}),
        ...(connection.metadata ? { metadata: connection.metadata } : {}),
        reconnect: { connectionId: connection.id, hubId: connection.hubId },
        connectionId: connection.id,
      });
      return { sessionId: session.id, url: `${config.publicBaseUrl}${sessionPagePath(token)}`, expiresAt: session.expiresAt };
    },
    now,
    onCheck: (outcome) => deps.metrics.healthCheck(outcome),
    ...(retained
      ? {
          grant: async (connectionId: string) => {
            const state = await retained.introspect(connectionId, (token) => introspectRefreshToken(deps.http, config, token));
            return state && grantSignal(state, config.hubspot.scopes);
          },
        }
      : {}),
    ...(deps.random ? { random: deps.random } : {}),
  });
  return { health, retained };
}
