/** Every way a connection attempt can end badly, as `onError` reports it. */
export type ConnectErrorCode =
  'ORIGIN_NOT_ALLOWED' | 'POPUP_BLOCKED' | 'SESSION_EXPIRED' | 'SESSION_USED' | 'CONSENT_DENIED' | 'CONNECT_FAILED' | 'INVALID_OPTIONS';

export interface ConnectError {
  code: ConnectErrorCode;
  /** English, for developers; not for users. */
  message: string;
  /**
   * With `CONNECT_FAILED`: why. Either the service's own error code (e.g. `AEP_FORBIDDEN`, listed as `ErrorCode`
   * in its OpenAPI document), or, when no answer of the service could be read, one the SDK sets itself:
   * `NETWORK` (the request got no answer: the service is down or unreachable, or the browser blocked it, e.g. by
   * your page's CSP `connect-src`) or `HTTP_<status>` (an answer without the service's error body, such as a
   * proxy's 502 page).
   */
  serverCode?: string;
  sessionId?: string;
}

export interface ConnectSuccess {
  sessionId: string;
  /** The HubSpot account (connection) in Experience Platform → Sources → Accounts. */
  connectionId: string;
  /** True when the portal's existing connection got new credentials. */
  reconnected: boolean;
}

export interface ConnectClose {
  /** The user closed the popup before the flow ended. */
  reason: 'WINDOW_CLOSED';
  sessionId?: string;
}

/** How the session page looks: validated by the service too, and refused with INVALID_OPTIONS if wrong. */
export interface Appearance {
  /** `#rgb` or `#rrggbb`. */
  primaryColor?: string;
  /** An https URL on one of your registered embedOrigins. */
  logoUrl?: string;
}

export type Locale = 'en' | 'fr';

export interface CommonOptions {
  /** The service's URL (its origin is used). Optional in the `/embed.js` script: defaults to where it was loaded from. */
  serviceUrl?: string;
  appearance?: Appearance;
  locale?: Locale;
  onSuccess?: (result: ConnectSuccess) => void;
  onError?: (error: ConnectError) => void;
  onClose?: (close: ConnectClose) => void;
}

/** Either a session token you already have, or a function that gets a fresh one from your backend. */
export type TokenSource = { token: string; fetchToken?: () => Promise<string> } | { token?: undefined; fetchToken: () => Promise<string> };

export type OpenOptions = CommonOptions & TokenSource;

export type MountOptions = CommonOptions &
  TokenSource & {
    /** Where the widget's iframe goes. */
    container: HTMLElement;
  };

export interface PopupHandle {
  close(): void;
}

export interface WidgetHandle {
  unmount(): void;
}
