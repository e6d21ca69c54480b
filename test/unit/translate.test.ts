import { describe, expect, it } from 'vitest';
import { isLocale, negotiateLocale, translator } from '../../src/i18n/translate.js';
import { en, type MessageKey } from '../../src/i18n/messages-en.js';
import { fr } from '../../src/i18n/messages-fr.js';
import { ERROR_CODES } from '../../src/errors/error-codes.js';

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('French has exactly the English keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty in either language', () => {
    for (const [locale, catalog] of [
      ['en', en],
      ['fr', fr],
    ] as const) {
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('every French message uses the same placeholders as its English original', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholdersOf(fr[key]), key).toEqual(placeholdersOf(en[key]));
    }
  });

  it('has a title and an action for every error code', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(en, code).toHaveProperty([`error.${code}.title`]);
      expect(en, code).toHaveProperty([`error.${code}.action`]);
    }
  });

  it('has no error title or action for a code that does not exist', () => {
    const codes = Object.keys(en)
      .map((key) => /^error\.([A-Z_]+)\.(title|action)$/.exec(key)?.[1])
      .filter((code): code is string => code !== undefined);
    for (const code of codes) expect(Object.keys(ERROR_CODES), code).toContain(code);
  });

  it('keeps the product text "Connect HubSpot" on the French button', () => {
    expect(fr['home.button']).toContain('Connect HubSpot');
  });
});

describe('translator', () => {
  it('fills placeholders from params', () => {
    expect(translator('en')('error.reference', { code: 'STATE_EXPIRED' })).toBe('Reference for support: STATE_EXPIRED');
    expect(translator('fr')('result.hubId', { hubId: 12345 })).toBe('hub id 12345');
  });

  it('leaves a placeholder visible when its param is missing', () => {
    expect(translator('en')('error.SCOPES_MISSING.title')).toContain('{missing}');
  });

  it('returns the catalog of the chosen locale', () => {
    expect(translator('en')('error.retry')).toBe('Start again');
    expect(translator('fr')('error.retry')).toBe('Recommencer');
  });

  it('does not interpret params as patterns', () => {
    expect(translator('en')('error.reference', { code: '$& {code}' })).toBe('Reference for support: $& {code}');
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de-DE,de;q=0.9', 'en'],
    ['*', 'en'],
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr-CA', 'fr'],
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['en;q=0.2, fr;q=0.9', 'fr'],
    ['de-DE, fr;q=0.5', 'fr'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['fr;q=abc, en;q=0.1', 'en'],
    ['de, en-GB;q=0.3 , fr;q=0.4', 'fr'],
  ] as const)('When Accept-Language is %j, then the locale is %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('negotiateLocale: optional whitespace (RFC 9110 §12.5.4, weight = OWS ";" OWS "q=" qvalue)', () => {
  // Bug: the tag is not trimmed after splitting on ';', so "fr ;q=0.4" yields the language "fr " and is ignored.
  it('When a language tag is followed by whitespace before ";q=", then it is still recognised', () => {
    expect(negotiateLocale('de, en;q=0.3, fr ;q=0.4')).toBe('fr');
  });
});

describe('isLocale', () => {
  it('accepts only the supported locales', () => {
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale('fr-CA')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
