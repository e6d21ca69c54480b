import { asConnectError, connectError } from './errors.js';
import { invalidOptions, serviceOrigin, tokenFrom } from './options.js';
import { attach } from './session-api.js';
import type { OpenOptions, PopupHandle } from './types.js';
import { watch } from './watch.js';

/**
 * Popup mode: call inside a click handler. The popup opens at once, on about:blank (browsers block
 * popups opened after an await); it leaves about:blank only once the service has accepted this page's
 * origin, so nothing reaches HubSpot from an unregistered page.
 */
export function open(options: OpenOptions): PopupHandle {
  const problem = invalidOptions(options);
  if (problem) {
    queueMicrotask(() => options?.onError?.(connectError('INVALID_OPTIONS', { message: problem })));
    return { close: () => undefined };
  }
  const service = serviceOrigin(options)!;
  const popup = window.open('', 'hubspot-aep-connect', 'popup,width=560,height=760');
  let stop = () => undefined as void;
  let closed = false;
  void (async () => {
    try {
      const token = await tokenFrom(options);
      const s = await attach(service, token, options);
      if (closed) return;
      const sessionUrl = `${service}/connect-sessions/${encodeURIComponent(token)}`;
      if (!popup) {
        // Blocked: redirect mode works only if the partner registered where to send the user back.
        if (s.has_return_url) location.assign(sessionUrl);
        else options.onError?.(connectError('POPUP_BLOCKED', { sessionId: s.session_id }));
        return;
      }
      if (popup.closed) {
        options.onClose?.({ reason: 'WINDOW_CLOSED', sessionId: s.session_id });
        return;
      }
      popup.location.replace(`${sessionUrl}?mode=popup`);
      stop = watch(
        service,
        token,
        options,
        () => popup,
        () => undefined,
      );
    } catch (error) {
      popup?.close();
      if (closed) return;
      options.onError?.(asConnectError(error));
    }
  })();
  return {
    close() {
      closed = true;
      stop();
      popup?.close();
    },
  };
}
