import { describe, expect, it } from 'vitest';
import { isLocale, translator } from '../../src/i18n/translate.js';
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

  it('has no error title or action (nor a more precise wording, error.CODE.reason) for a code that does not exist', () => {
    const codes = Object.keys(en)
      .map((key) => /^error\.([A-Z_]+)(\.[a-z-]+)?\.(title|action)$/.exec(key)?.[1])
      .filter((code): code is string => code !== undefined);
    for (const code of codes) expect(Object.keys(ERROR_CODES), code).toContain(code);
  });

  it('translates the French button, keeping the product name', () => {
    expect(fr['home.button']).toBe('Connecter HubSpot');
  });
});

describe('translator', () => {
  it('fills placeholders from params', () => {
    expect(translator('en')('error.reference', { code: 'STATE_EXPIRED' })).toBe('Error code: STATE_EXPIRED');
    expect(translator('fr')('result.hubId', { hubId: 12345 })).toBe('identifiant de hub 12345');
  });

  it('leaves a placeholder visible when its param is missing', () => {
    expect(translator('en')('error.SCOPES_MISSING.title')).toContain('{missing}');
  });

  it('returns the catalog of the chosen locale', () => {
    expect(translator('en')('error.retry')).toBe('Start again');
    expect(translator('fr')('error.retry')).toBe('Recommencer');
  });

  it('does not interpret params as patterns', () => {
    expect(translator('en')('error.reference', { code: '$& {code}' })).toBe('Error code: $& {code}');
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
