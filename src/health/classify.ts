/** Why a connection stopped working, as `connection.unhealthy` names it. */
export type UnhealthyReason = 'credentials_rejected' | 'grant_revoked' | 'scopes_reduced' | 'runs_failing';

export type HealthStatus = 'active' | 'needs_reauth' | 'error';

/** The latest known answer of each signal; absent: never asked, or Adobe/HubSpot could not answer. */
export interface HealthSignals {
  /** Flow Service's connection test. */
  testPassed?: boolean;
  /** The dataflow's last run failed. */
  lastRunFailed?: boolean;
  /** Introspection of the retained refresh token. */
  grant?: 'active' | 'inactive' | 'scopes_reduced';
}

export type Verdict = { status: 'active' } | { status: 'needs_reauth' | 'error'; reason: UnhealthyReason } | { status: 'unknown' };

/**
 * Signals → status (docs/reference/adobe-dataflow.md §5). Only a person can repair what HubSpot or the connection test
 * refuses, so those are `needs_reauth`, the grant's own word first; failing runs while the test passes are `error`.
 * Failing runs whose test has not answered decide nothing: a 5xx or a timeout is never "unhealthy".
 */
export function classify(signals: HealthSignals): Verdict {
  if (signals.grant === 'inactive') return { status: 'needs_reauth', reason: 'grant_revoked' };
  if (signals.grant === 'scopes_reduced') return { status: 'needs_reauth', reason: 'scopes_reduced' };
  if (signals.testPassed === false) return { status: 'needs_reauth', reason: 'credentials_rejected' };
  if (signals.lastRunFailed === true) {
    return signals.testPassed === true ? { status: 'error', reason: 'runs_failing' } : { status: 'unknown' };
  }
  return { status: 'active' };
}
