import { useCallback, useEffect, useRef } from 'react';
import { open } from './index.js';
import type { CommonOptions, PopupHandle } from './types.js';

export type { ConnectClose, ConnectError, ConnectErrorCode, ConnectSuccess } from './types.js';

export interface UseHubSpotAEPConnectOptions extends CommonOptions {
  /** Gets a fresh session token from your backend; called at click time. */
  fetchToken: () => Promise<string>;
}

/**
 * React hook: `const { open } = useHubSpotAEPConnect({ fetchToken, onSuccess, onError, onClose })`, then
 * `<button onClick={open}>`. The popup opens within the click (so it is not blocked) and the session token
 * is fetched while it shows about:blank. The latest callbacks are always used; the popup closes on unmount.
 */
export function useHubSpotAEPConnect(options: UseHubSpotAEPConnectOptions): { open: () => void } {
  const latest = useRef(options);
  latest.current = options;
  const handle = useRef<PopupHandle | undefined>(undefined);
  useEffect(() => () => handle.current?.close(), []);
  const start = useCallback(() => {
    handle.current?.close();
    const o = latest.current;
    handle.current = open({
      ...o,
      fetchToken: () => latest.current.fetchToken(),
      onSuccess: (r) => latest.current.onSuccess?.(r),
      onError: (e) => latest.current.onError?.(e),
      onClose: (c) => latest.current.onClose?.(c),
    });
  }, []);
  return { open: start };
}
