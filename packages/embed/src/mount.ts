import { asConnectError, connectError } from './errors.js';
import { invalidOptions, serviceOrigin, tokenFrom } from './options.js';
import { attach } from './session-api.js';
import type { MountOptions, WidgetHandle } from './types.js';
import { MESSAGE, watch } from './watch.js';

/**
 * The iframe widget: shows the session page inside `container`; its button opens HubSpot's consent in a
 * new window. The framed page reports its height (the widget takes it) and, once the session has run, is
 * reloaded to show the outcome; its Try again asks `fetchToken()` for a fresh session.
 */
export function mount(options: MountOptions): WidgetHandle {
  const problem =
    invalidOptions(options) ??
    (typeof (options.container as Partial<HTMLElement> | undefined)?.appendChild === 'function'
      ? undefined
      : 'container must be an element');
  if (problem) {
    queueMicrotask(() => options?.onError?.(connectError('INVALID_OPTIONS', { message: problem })));
    return { unmount: () => undefined };
  }
  const service = serviceOrigin(options)!;
  let frame: HTMLIFrameElement | undefined;
  let stop = () => undefined as void;
  let gone = false;
  const frameUrl = (token: string) =>
    `${service}/connect-sessions/${encodeURIComponent(token)}?mode=iframe${options.fetchToken ? '&retry=1' : ''}`;

  async function show(source: () => Promise<string>) {
    try {
      const token = await source();
      await attach(service, token, options);
      if (gone) return;
      stop();
      if (!frame) {
        frame = document.createElement('iframe');
        frame.title = 'Connect HubSpot';
        frame.style.cssText = 'display:block;width:100%;height:320px;border:0';
        options.container.appendChild(frame);
      }
      frame.src = frameUrl(token);
      stop = watch(
        service,
        token,
        options,
        () => frame?.contentWindow,
        (s) => {
          // The frame shows the outcome: the portal and Done, or the reason and Try again.
          if (s && frame && !gone) frame.src = frameUrl(token);
        },
      );
    } catch (error) {
      if (gone) return;
      options.onError?.(asConnectError(error));
    }
  }

  function onFrameMessage(event: MessageEvent) {
    if (!frame || event.origin !== service || event.source !== frame.contentWindow) return;
    const data = event.data as { type?: unknown; height?: unknown } | null;
    if (data?.type === `${MESSAGE}resize` && typeof data.height === 'number') {
      frame.style.height = `${Math.max(0, Math.ceil(data.height))}px`;
    } else if (data?.type === `${MESSAGE}retry` && options.fetchToken) {
      void show(() => options.fetchToken!());
    }
  }
  window.addEventListener('message', onFrameMessage);
  void show(() => tokenFrom(options));
  return {
    unmount() {
      gone = true;
      stop();
      window.removeEventListener('message', onFrameMessage);
      frame?.remove();
    },
  };
}
