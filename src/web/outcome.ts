import type { FlowRecord } from '../flows/flow-record.js';
import type { ConnectSessions } from '../partners/connect-session.js';
import { popupDonePath, resultPath } from './paths.js';

/**
 * The one decision of where a finished flow sends the browser:
 * - a flow from a connect session with a `return_url`: a 303 to exactly that registered URL with
 *   `session_id`, `status`, `connection_id` or `error`, and `state`, and nothing else (no token, no
 *   hub details: the URL lands in the partner's logs and history, RFC 9700 §4.2);
 * - a flow run in embed.js's popup: the popup's last page, which tells the opener and closes;
 * - otherwise our result page.
 */
export async function outcomeLocation(record: FlowRecord, sessions: ConnectSessions | undefined): Promise<string> {
  const origin = record.origin;
  if (origin?.kind !== 'connect-session' || !sessions) return resultPath(record.id);
  const session = await sessions.get(origin.sessionId);
  if (session?.mode === 'popup') return popupDonePath(session.id);
  if (!session?.returnUrl || (record.status !== 'connected' && record.status !== 'failed')) return resultPath(record.id);
  const url = new URL(session.returnUrl);
  url.searchParams.set('session_id', session.id);
  url.searchParams.set('status', record.status === 'connected' ? 'completed' : 'failed');
  if (record.status === 'connected' && record.connection) url.searchParams.set('connection_id', record.connection.id);
  if (record.status === 'failed') url.searchParams.set('error', record.error?.code ?? 'INTERNAL');
  if (session.partnerState !== undefined) url.searchParams.set('state', session.partnerState);
  return url.toString();
}
