import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { ERROR_CODES, type ErrorCode } from '../../errors/error-codes.js';
import type { MessageKey } from '../../i18n/messages-en.js';
import { isLocale, translator, type Translate } from '../../i18n/translate.js';
import type { ConnectSession } from '../../partners/connect-session.js';
import type { Partner } from '../../config/partner.js';
import { allowAppearance, allowFramingBy, allowOwnScripts } from '../security/policies.js';

/**
 * What every session page (top-level, popup or framed) shares: the partner's language choice, its
 * validated appearance, and, framed, the permission to be framed by the partner. Framed or in the popup,
 * the page runs our own scripts (the widget's height, and the Connect button that goes once pressed).
 * Returns the view data for the layout.
 */
export function sessionPageLocals(
  res: Response,
  partner: Partner,
  session: ConnectSession,
  options: { framed: boolean; popup: boolean; langAsked: boolean },
) {
  // The partner knows its user's language; an explicit ?lang= choice on this page still wins.
  if (session.locale && !options.langAsked && isLocale(session.locale)) {
    res.locals.locale = session.locale;
    res.locals.t = translator(session.locale);
  }
  const appearance = session.appearance ?? {};
  const styleNonce = appearance.primaryColor ? randomBytes(16).toString('base64') : undefined;
  allowAppearance(res, { ...(styleNonce ? { styleNonce } : {}), ...(appearance.logoUrl ? { logoUrl: appearance.logoUrl } : {}) });
  if (options.framed) allowFramingBy(res, partner.embedOrigins);
  if (options.framed || options.popup) allowOwnScripts(res);
  return {
    framed: options.framed,
    scripted: options.framed || options.popup,
    embedOrigins: JSON.stringify(partner.embedOrigins),
    appearance: { ...appearance, styleNonce },
  };
}

/** The widget's last state, in the frame: the portal and Done, or the reason and (when it helps) Try again. */
export function widgetEndState(session: ConnectSession, t: Translate, canRetry: boolean) {
  if (session.status === 'completed') {
    return {
      connected: true,
      portal: session.hubDomain ?? (session.hubId !== undefined ? t('result.hubId', { hubId: session.hubId }) : ''),
    };
  }
  const code: ErrorCode = session.status === 'expired' ? 'SESSION_EXPIRED' : knownCode(session.errorCode);
  return {
    connected: false,
    code,
    reason: t(`error.${code}.title` as MessageKey, { missing: '' }),
    // Consent denied, an expired link or a failure: a fresh session is the way forward, which only the
    // partner's page can obtain (the SDK's fetchToken).
    canRetry,
  };
}

function knownCode(code: string | undefined): ErrorCode {
  return code !== undefined && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL';
}
