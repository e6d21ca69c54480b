import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { Logger } from './logging/logger.js';
import { ConnectSessions, CONNECT_SESSION_TTL_MS } from './partners/connect-session.js';
import { WebhookOutbox } from './partners/webhook-outbox.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';

/** Knobs tests turn: the clock, how long sessions last, when webhook attempts happen. */
export interface ServiceOptions {
  now?: () => number;
  sessionTtlMs?: number;
  webhookSchedule?: readonly number[];
}

/** Wires the adapters for a config: the composition used by the entry point and the integration tests. */
export function buildServices(
  config: Config,
  logger: Logger,
  store: KeyValueStore = new MemoryStore(),
  options: ServiceOptions = {},
): AppDeps & { adobe: AdobeDirectory; close(): Promise<void> } {
  const http = new UpstreamClient({ timeoutMs: config.upstreamTimeoutMs });
  const now = options.now ?? Date.now;
  const jobs = new InProcessQueue({ logger });
  const sessions = new ConnectSessions(store, now, options.sessionTtlMs ?? CONNECT_SESSION_TTL_MS);
  const outbox = new WebhookOutbox({
    jobs,
    sessions,
    partners: config.partners,
    logger,
    timeoutMs: config.upstreamTimeoutMs,
    now,
    ...(options.webhookSchedule ? { schedule: options.webhookSchedule } : {}),
  });
  const partnerAccounts = config.partners.flatMap((p) => (p.adobe ? [p.adobe] : []));
  return {
    config,
    logger,
    store,
    hubspot: createHubSpotOAuth(config),
    introspect: (accessToken) => introspectAccessToken(http, config, accessToken),
    adobe: new AdobeDirectory(http, config, partnerAccounts),
    jobs,
    events: outbox,
    connectSessions: { sessions, onCreated: (session) => outbox.scheduleExpiry(session) },
    close: async () => {
      await jobs.close();
      await http.close();
      await store.close();
    },
  };
}
