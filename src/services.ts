import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import type { Logger } from './logging/logger.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';

/** Wires the adapters for a config: the composition used by the entry point and the integration tests. */
export function buildServices(
  config: Config,
  logger: Logger,
  store: KeyValueStore = new MemoryStore(),
): AppDeps & { adobe: AdobeDirectory; close(): Promise<void> } {
  const http = new UpstreamClient({ timeoutMs: config.upstreamTimeoutMs });
  return {
    config,
    logger,
    store,
    hubspot: createHubSpotOAuth(config),
    introspect: (accessToken) => introspectAccessToken(http, config, accessToken),
    adobe: new AdobeDirectory(http, config),
    close: async () => {
      await http.close();
      await store.close();
    },
  };
}
