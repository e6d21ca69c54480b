import { AppError } from '../errors/app-error.js';
import { isLocale, type Locale } from '../i18n/translate.js';

/** How a partner dresses the session page: only a validated colour and logo ever reach a page. */
export interface Appearance {
  /** `#rgb` or `#rrggbb`: the only shape that can go into a stylesheet without escaping. */
  readonly primaryColor?: string;
  /** An https URL (http on loopback) on one of the partner's own embedOrigins, so we never load a third party's image. */
  readonly logoUrl?: string;
}

export interface EmbedOptions {
  readonly appearance?: Appearance;
  readonly locale?: Locale;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const MAX_URL_LENGTH = 2048;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks the options embed.js forwards from `open()` / `mount()`. Anything unexpected is refused
 * with INVALID_OPTIONS rather than dropped, so a partner learns of a typo at once instead of
 * wondering why the colour did not change.
 */
export function parseEmbedOptions(input: { appearance?: unknown; locale?: unknown }, embedOrigins: readonly string[]): EmbedOptions {
  const invalid = (why: string) => new AppError('INVALID_OPTIONS', `embed options: ${why}`);
  const out: { appearance?: Appearance; locale?: Locale } = {};
  if (input.locale !== undefined) {
    if (!isLocale(input.locale)) throw invalid('locale must be "en" or "fr"');
    out.locale = input.locale;
  }
  if (input.appearance === undefined) return out;
  const a = input.appearance;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) throw invalid('appearance must be an object');
  const { primaryColor, logoUrl, ...rest } = a as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalid(`unknown appearance fields: ${Object.keys(rest).join(', ')}`);
  const appearance: { primaryColor?: string; logoUrl?: string } = {};
  if (primaryColor !== undefined) {
    if (typeof primaryColor !== 'string' || !HEX_COLOUR.test(primaryColor)) throw invalid('primaryColor must be a hex colour');
    appearance.primaryColor = primaryColor;
  }
  if (logoUrl !== undefined) {
    if (typeof logoUrl !== 'string' || logoUrl.length > MAX_URL_LENGTH || !isOwnHttpsUrl(logoUrl, embedOrigins))
      throw invalid('logoUrl must be an https URL on one of the embed origins');
    appearance.logoUrl = new URL(logoUrl).href;
  }
  out.appearance = appearance;
  return out;
}

function isOwnHttpsUrl(value: string, embedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  // Plain http only on loopback, for local development and tests, as for the upstream URLs.
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  return secure && url.username === '' && url.password === '' && embedOrigins.includes(url.origin);
}
