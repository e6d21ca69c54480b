import type { ConnectError, ConnectErrorCode } from './types.js';

export const CONNECT_ERROR_CODES: readonly ConnectErrorCode[] = Object.freeze([
  'ORIGIN_NOT_ALLOWED',
  'POPUP_BLOCKED',
  'SESSION_EXPIRED',
  'SESSION_USED',
  'CONSENT_DENIED',
  'CONNECT_FAILED',
  'INVALID_OPTIONS',
]);

const MESSAGES: Record<ConnectErrorCode, string> = {
  ORIGIN_NOT_ALLOWED: 'This page’s origin is not one of the partner’s registered embedOrigins; nothing was sent to HubSpot.',
  POPUP_BLOCKED: 'The browser blocked the popup; call open() directly inside a click handler.',
  SESSION_EXPIRED: 'The connect session expired or does not exist; create a new one.',
  SESSION_USED: 'The connect session was already used; create a new one.',
  CONSENT_DENIED: 'The user declined access on HubSpot.',
  CONNECT_FAILED: 'The connection could not be made; serverCode says why.',
  INVALID_OPTIONS: 'The options passed to the SDK are not valid.',
};

export function connectError(
  code: ConnectErrorCode,
  extra: { sessionId?: string; serverCode?: string; message?: string } = {},
): ConnectError {
  return {
    code,
    message: extra.message ?? MESSAGES[code],
    ...(extra.serverCode ? { serverCode: extra.serverCode } : {}),
    ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
  };
}

/** A service error code (from the attach call) as one of the SDK's codes. */
export function fromServer(serverCode: string | undefined, message?: string): ConnectError {
  if (serverCode === 'NOT_FOUND') return connectError('SESSION_EXPIRED');
  if (serverCode && serverCode !== 'CONNECT_FAILED' && (CONNECT_ERROR_CODES as readonly string[]).includes(serverCode))
    return connectError(serverCode as ConnectErrorCode, message ? { message } : {});
  return connectError('CONNECT_FAILED', { serverCode: serverCode ?? 'INTERNAL', ...(message ? { message } : {}) });
}

export function isConnectError(value: unknown): value is ConnectError {
  return typeof value === 'object' && value !== null && (CONNECT_ERROR_CODES as readonly unknown[]).includes((value as ConnectError).code);
}

/** Anything thrown on the way (a bug, an unexpected answer) as the SDK's error, so onError always gets one. */
export function asConnectError(error: unknown): ConnectError {
  return isConnectError(error) ? error : connectError('CONNECT_FAILED', { message: String((error as Error)?.message ?? error) });
}
