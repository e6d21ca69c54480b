import type { AdobeClients, AdobeResolver } from '../../adobe/adobe-directory.js';
import type { Config } from '../../config/config.js';
import type { TokenInfo } from '../../hubspot/introspect-token.js';
import type { HubSpotOAuth, HubSpotTokens } from '../../hubspot/oauth-client.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Logger } from '../../logging/logger.js';
import type { ConnectionRegistry } from '../../registry/connection-registry.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import type { FlowEventSink } from '../flow-events.js';
import type { FlowRecord, StepName } from '../flow-record.js';
import type { FlowActivity } from '../flow-activity.js';
import type { TokenSealer } from '../sealed-tokens.js';

/** What completion needs; a subset of AppDeps, so a worker process can build it without the web app. */
export interface CompletionDeps {
  config: Config;
  logger: Logger;
  store: KeyValueStore;
  jobs: JobQueue;
  events: FlowEventSink;
  sealer: TokenSealer;
  hubspot: HubSpotOAuth;
  introspect(accessToken: string): Promise<TokenInfo>;
  adobe: AdobeResolver;
  /** The registry of connections: who owns a portal's connection (check-owner-step.ts, portal-claim.ts). */
  connections: Pick<ConnectionRegistry, 'findLive' | 'get'>;
  now: () => number;
  /** This instance's running flows and finished notices. */
  activity: FlowActivity;
  /** Keeps the connection's HubSpot refresh token sealed for the health watch (HEALTH_WATCH_RETAIN_REFRESH_TOKEN). */
  retainRefreshToken?: (connectionId: string, refreshToken: string) => Promise<void>;
}

/** One run of the steps over one flow. `record` is the working copy, saved where a resume needs it (save-running.ts). */
export interface StepContext {
  readonly deps: CompletionDeps;
  readonly adobe: AdobeClients;
  record: FlowRecord;
  /** HubSpot tokens in plaintext, only in this worker's memory (the record holds them sealed). */
  tokens?: HubSpotTokens;
}

/** One row of the completion table: a name, whether a failed run may repeat it, and what it does to the flow record. */
export interface Step {
  readonly name: StepName;
  /**
   * Whether the job queue may run this step again by itself after a failure whose remedy is `wait` (see
   * src/errors/error-codes.ts): true only for a step whose repeat cannot do harm twice (it reads, or it finds
   * before it writes). The code exchange is not: a code is single-use (RFC 6749 §4.1.2).
   */
  readonly repeatable: boolean;
  /** `dataflow`: runs after the connection is made; its failure never fails the connection. */
  readonly part?: 'dataflow';
  /** False when the flow's settings leave this step out (it is then recorded as done without running). */
  applies?(record: FlowRecord): boolean;
  /**
   * Save the record before this step runs, so the progress page names it while it runs: for a step that can
   * take seconds (a lock wait, a slow create). Other steps are saved with the next save (save-running.ts).
   */
  readonly saveBefore?: boolean;
  run(ctx: StepContext): Promise<void>;
}
