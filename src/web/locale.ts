import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import { LOCALES, isLocale, translator, type Locale } from '../i18n/translate.js';
import { en } from '../i18n/messages-en.js';
import { fr } from '../i18n/messages-fr.js';

const LANG_COOKIE = 'lang';
const LABELS: Record<Locale, string> = { en: en['lang.name'], fr: fr['lang.name'] };

/**
 * Chooses the page language: an explicit `?lang=` switch (remembered in a cookie for a year), then the
 * cookie, then Accept-Language negotiated by Express (`req.acceptsLanguages`, RFC 9110 §12.5.4); English
 * when nothing matches. Puts `locale`, `t` and the switch links in `res.locals` for the views.
 */
export function localeMiddleware(options: { secureCookies: boolean; stablePaths: (path: string) => boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const asked = req.query.lang;
    let locale: Locale;
    if (isLocale(asked)) {
      locale = asked;
      res.cookie(LANG_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 365 * 24 * 3600 * 1000 });
    } else {
      const saved = parseCookies(req.headers.cookie ?? '')[LANG_COOKIE];
      locale = isLocale(saved) ? saved : negotiated(req);
    }
    // The switch links keep the current page only where reloading it is harmless (never the callback).
    const base = options.stablePaths(req.path) ? req.path : '/';
    res.locals.locale = locale;
    res.locals.t = translator(locale);
    res.locals.languageLinks = LOCALES.map((l) => ({ locale: l, label: LABELS[l], href: `${base}?lang=${l}`, current: l === locale }));
    res.vary('Accept-Language');
    next();
  };
}

function negotiated(req: Request): Locale {
  const best = req.acceptsLanguages(...LOCALES);
  // negotiator matches "fr-FR" to "fr"; a browser sending no Accept-Language at all accepts anything.
  return isLocale(best) && req.headers['accept-language'] ? best : 'en';
}
