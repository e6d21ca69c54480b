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
 *
 * Only a page needs them, and most requests answer without one (a flow's start and callback are redirects), so
 * apart from the `?lang=` switch, which sets its cookie at once, the choice is made on first read of one of the
 * three: they are accessors that settle on the page's first use. `Vary: Accept-Language` goes with the negotiation,
 * on the answers it shaped (RFC 9110 §12.5.5). A route may still assign them (a partner session's page does).
 */
export function localeMiddleware(options: { secureCookies: boolean; stablePaths: (path: string) => boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // `req.query` parses the whole query string on each read (Express 5): the callback's, with its code, for nothing.
    const asked = req.url.includes('lang=') ? req.query.lang : undefined;
    let chosen: Locale | undefined;
    if (isLocale(asked)) {
      chosen = asked;
      res.cookie(LANG_COOKIE, chosen, { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 365 * 24 * 3600 * 1000 });
    }
    const locale = (): Locale => {
      if (chosen) return chosen;
      const saved = parseCookies(req.headers.cookie ?? '')[LANG_COOKIE];
      if (isLocale(saved)) return (chosen = saved);
      res.vary('Accept-Language');
      return (chosen = negotiated(req));
    };
    // The switch links keep the current page only where reloading it is harmless (never the callback).
    const links = () => {
      const base = options.stablePaths(req.path) ? req.path : '/';
      return LOCALES.map((l) => ({ locale: l, label: LABELS[l], href: `${base}?lang=${l}`, current: l === locale() }));
    };
    settleOnRead(res.locals, 'locale', locale);
    settleOnRead(res.locals, 't', () => translator(locale()));
    settleOnRead(res.locals, 'languageLinks', links);
    next();
  };
}

/** Defines `key` on `target` as computed by `compute` on first read (or set by assignment), then a plain value. */
function settleOnRead(target: Record<string, unknown>, key: string, compute: () => unknown): void {
  const settle = (value: unknown) => Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, key, {
    get: () => {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

function negotiated(req: Request): Locale {
  const best = req.acceptsLanguages(...LOCALES);
  // negotiator matches "fr-FR" to "fr"; a browser sending no Accept-Language at all accepts anything.
  return isLocale(best) && req.headers['accept-language'] ? best : 'en';
}
