import { connectError, fromServer } from './errors.js';
import type { Appearance, Locale } from './types.js';

const TOKEN_HEADER = 'HubSpot-AEP-Session-Token';

/** What the service tells embed.js about a session. */
export interface SessionStatus {
  session_id: string;
  status: 'pending' | 'completed' | 'failed' | 'expired';
  has_return_url: boolean;
  connection_id?: string;
  reconnected?: boolean;
  error_code?: string;
}

/** The session token goes in a request header or body, never in a URL the SDK builds for fetch. */
export function readStatus(service: string, token: string): Promise<SessionStatus> {
  return fetch(`${service}/embed/v1/session`, { headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' }).then(
    (res) => {
      if (!res.ok) throw new Error(`session status ${res.status}`);
      return res.json() as Promise<SessionStatus>;
    },
  );
}

/**
 * Hands the token and options to the service, which checks this page's origin (the browser's `Origin`
 * header, which a page cannot forge) and the options. A text/plain POST needs no CORS preflight, so a
 * refusal is readable here. Rejects with a ConnectError.
 */
export async function attach(
  service: string,
  token: string,
  options: { appearance?: Appearance; locale?: Locale },
): Promise<SessionStatus> {
  let res: Response;
  try {
    res = await fetch(`${service}/embed/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body: JSON.stringify({ token, appearance: options.appearance, locale: options.locale }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw connectError('CONNECT_FAILED', { serverCode: 'NETWORK', message: 'The service could not be reached.' });
  }
  const body = (await res.json().catch(() => undefined)) as (SessionStatus & { error?: { code?: string; message?: string } }) | undefined;
  if (res.ok && body) return body;
  if (!body?.error) throw connectError('CONNECT_FAILED', { serverCode: `HTTP_${res.status}` });
  throw fromServer(body.error.code, body.error.message);
}

/** The session's failure as the SDK's error: declined consent and expiry have codes of their own. */
export function sessionError(s: SessionStatus) {
  if (s.status === 'expired') return connectError('SESSION_EXPIRED', { sessionId: s.session_id });
  if (s.error_code === 'CONSENT_DENIED') return connectError('CONSENT_DENIED', { sessionId: s.session_id });
  return connectError('CONNECT_FAILED', { sessionId: s.session_id, serverCode: s.error_code ?? 'INTERNAL' });
}
