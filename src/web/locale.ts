import type { NextFunction, Request, Response } from 'express';
import { LOCALES, isLocale, negotiateLocale, translator, type Locale } from '../i18n/translate.js';
import { en } from '../i18n/messages-en.js';
import { fr } from '../i18n/messages-fr.js';

const LANG_COOKIE = 'lang';
const LABELS: Record<Locale, string> = { en: en['lang.name'], fr: fr['lang.name'] };

/**
 * Chooses the page language: an explicit `?lang=` switch (remembered in a cookie for a year), then the
 * cookie, then Accept-Language. Puts `locale`, `t` and the switch links in `res.locals` for the views.
 */
export function localeMiddleware(options: { secureCookies: boolean; stablePaths: (path: string) => boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const asked = req.query.lang;
    let locale: Locale;
    if (isLocale(asked)) {
      locale = asked;
      res.cookie(LANG_COOKIE, locale, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 365 * 24 * 3600 * 1000 });
    } else {
      const saved = readCookie(req.headers.cookie, LANG_COOKIE);
      locale = isLocale(saved) ? saved : negotiateLocale(req.headers['accept-language']);
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

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name) return v;
  }
  return undefined;
}
