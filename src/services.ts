import { AdobeDirectory } from './adobe/adobe-directory.js';
import type { AppDeps } from './app.js';
import type { Config } from './config/config.js';
import { activeFlows } from './flows/complete/run-completion.js';
import { LEASE_MS } from './flows/complete/save-running.js';
import { failFlow } from './flows/fail-flow.js';
import { ignoreFlowEvents } from './flows/flow-events.js';
import { TokenSealer } from './flows/sealed-tokens.js';
import { UpstreamClient } from './http/upstream-client.js';
import { introspectAccessToken } from './hubspot/introspect-token.js';
import { createHubSpotOAuth } from './hubspot/oauth-client.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logging/logger.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';

/** Default shutdown grace: a running step's lease, longer than any one step's deadline. */
export const COMPLETION_GRACE_MS = LEASE_MS;

export interface ServiceCloseOptions {
  /** How long running completion steps may take to finish before their flows are failed (default COMPLETION_GRACE_MS). */
  graceMs?: number;
}

/** Wires the adapters for a config: the composition used by the entry point and the integration tests. */
export function buildServices(
  config: Config,
  logger: Logger,
  store: KeyValueStore = new MemoryStore(),
  jobs: JobQueue = new InProcessQueue({ logger }),
): AppDeps & { adobe: AdobeDirectory; jobs: JobQueue; close(options?: ServiceCloseOptions): Promise<void> } {
  const http = new UpstreamClient({ timeoutMs: config.upstreamTimeoutMs });
  const events = ignoreFlowEvents;
  let closing: Promise<void> | undefined;
  const closeOnce = async (options: ServiceCloseOptions) => {
    await jobs.close(options.graceMs ?? COMPLETION_GRACE_MS);
    for (const ctx of activeFlows.values()) {
      if (ctx.deps.store !== store) continue;
      await failFlow(store, ctx.record, 'CONNECT_INTERRUPTED', events).catch(() => undefined);
    }
    await http.close();
    await store.close();
  };
  return {
    config,
    logger,
    store,
    jobs,
    events,
    sealer: new TokenSealer(config.tokenEncryptionKey),
    hubspot: createHubSpotOAuth(config),
    introspect: (accessToken) => introspectAccessToken(http, config, accessToken),
    adobe: new AdobeDirectory(http, config),
    /**
     * Stops the job queue, letting running steps finish within `graceMs`; flows still running in this process
     * after that are failed with a retryable page (their sealed tokens kept for Retry), never left dangling.
     */
    close: (options = {}) => (closing ??= closeOnce(options)),
  };
}
