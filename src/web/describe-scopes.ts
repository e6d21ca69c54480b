import type { MessageKey } from '../i18n/messages-en.js';
import type { Translate } from '../i18n/translate.js';
import { en } from '../i18n/messages-en.js';

export interface DescribedScope {
  name: string;
  words: string;
}

/**
 * HubSpot scope names (https://developers.hubspot.com/docs/apps/legacy-apps/authentication/scopes) in
 * plain words for the consent summary; a scope without a description is shown by its name.
 */
export function describeScopes(scopes: readonly string[], t: Translate): DescribedScope[] {
  return scopes.map((name) => {
    const key = `scope.${name}`;
    return { name, words: key in en ? t(key as MessageKey) : name };
  });
}
