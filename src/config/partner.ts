import type { AdobeAccount } from './adobe-account.js';
import type { DataflowMode, DataflowSchedule } from './dataflow-settings.js';

/** One registered partner, with its secrets resolved from the environment (never written in PARTNERS_FILE). */
export interface Partner {
  readonly id: string;
  readonly name: string;
  /** Lowercase hex SHA-256 of each accepted API key; the keys themselves are never stored. */
  readonly apiKeySha256: readonly string[];
  /** Exact URLs a session may send the browser back to (OWASP Unvalidated Redirects: allow-list, exact match). */
  readonly returnUrls: readonly string[];
  /** Origins allowed to frame the session page and to receive the popup's postMessage. */
  readonly embedOrigins: readonly string[];
  readonly sandboxes: readonly string[];
  /** Where events go, signed with every secret (two while the partner rotates: the new one first). */
  readonly webhook?: { readonly url: string; readonly secrets: readonly string[] };
  /** The partner's own AEP org; without it, connections go to the deployment's org. */
  readonly adobe?: AdobeAccount;
  /** Overrides of the deployment's dataflow settings for this partner's connections. */
  readonly dataflow?: {
    readonly mode?: DataflowMode;
    readonly schedule?: DataflowSchedule;
    readonly profile?: boolean;
    readonly datasetId?: string;
  };
}
