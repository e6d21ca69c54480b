import { readStatus, sessionError, type SessionStatus } from './session-api.js';
import type { CommonOptions } from './types.js';

const POLL_MS = 1500;
export const MESSAGE = 'hubspot-aep-connect:';

/**
 * Learns the session's outcome: from our pages' postMessage (a hint, checked for our exact origin and
 * the expected window as its source) and from polling; always confirmed by the service. `ended` runs
 * once with the final status, or undefined when the popup was closed before the end.
 */
export function watch(
  service: string,
  token: string,
  callbacks: CommonOptions,
  source: () => Window | null | undefined,
  ended: (s: SessionStatus | undefined) => void,
): () => void {
  let settled = false;
  const finish = () => {
    settled = true;
    clearInterval(timer);
    window.removeEventListener('message', onMessage);
  };
  const check = (closedNow: boolean) => {
    if (settled) return;
    readStatus(service, token).then(
      (s) => {
        if (settled) return;
        if (s.status === 'completed') {
          finish();
          callbacks.onSuccess?.({ sessionId: s.session_id, connectionId: s.connection_id ?? '', reconnected: s.reconnected === true });
          ended(s);
        } else if (s.status === 'failed' || s.status === 'expired') {
          finish();
          callbacks.onError?.(sessionError(s));
          ended(s);
        } else if (closedNow) {
          finish();
          callbacks.onClose?.({ reason: 'WINDOW_CLOSED', sessionId: s.session_id });
          ended(undefined);
        }
      },
      () => {
        if (!closedNow || settled) return;
        finish();
        callbacks.onClose?.({ reason: 'WINDOW_CLOSED' });
        ended(undefined);
      },
    );
  };
  function onMessage(event: MessageEvent) {
    if (event.origin !== service || event.source !== source()) return;
    if ((event.data as { type?: unknown } | null)?.type === `${MESSAGE}outcome`) check(false);
  }
  window.addEventListener('message', onMessage);
  const timer = setInterval(() => check(Boolean(source()?.closed)), POLL_MS);
  return finish;
}
