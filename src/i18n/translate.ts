import { en, type MessageKey } from './messages-en.js';
import { fr } from './messages-fr.js';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns the catalog text with `{name}` placeholders filled. Escaping is the view engine's job. */
export function translator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, params = {}) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
