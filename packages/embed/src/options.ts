import { connectError } from './errors.js';
import type { CommonOptions, OpenOptions } from './types.js';

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Set by the `/embed.js` script to the origin it was loaded from. */
let defaultService: string | undefined;
export function setDefaultService(url: string): void {
  defaultService = url;
}

/** The service's origin, or undefined when none was given and there is no default. */
export function serviceOrigin(options: CommonOptions): string | undefined {
  const url = options.serviceUrl ?? defaultService;
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The options are checked here too, so a typo is reported at once, before any window opens. */
export function invalidOptions(options: OpenOptions | undefined): string | undefined {
  if (!options) return 'options are required';
  if (!serviceOrigin(options)) return 'serviceUrl must be the service’s URL';
  const hasToken = typeof options.token === 'string' && options.token !== '';
  if (!hasToken && typeof options.fetchToken !== 'function') return 'token (a non-empty string) or fetchToken is required';
  const a = options.appearance;
  if (a !== undefined) {
    if (typeof a !== 'object' || a === null) return 'appearance must be an object';
    if (a.primaryColor !== undefined && !(typeof a.primaryColor === 'string' && HEX_COLOUR.test(a.primaryColor)))
      return 'appearance.primaryColor must be a hex colour such as #0a66c2';
    if (a.logoUrl !== undefined && !(typeof a.logoUrl === 'string' && /^https?:\/\//.test(a.logoUrl)))
      return 'appearance.logoUrl must be an https URL on one of your embedOrigins';
  }
  if (options.locale !== undefined && options.locale !== 'en' && options.locale !== 'fr') return 'locale must be "en" or "fr"';
  return undefined;
}

/**
 * The token to use now: the one given, else a fresh one from fetchToken. Rejects with a ConnectError:
 * CONNECT_FAILED when fetchToken itself failed (your backend), INVALID_OPTIONS when it resolved to no token.
 */
export async function tokenFrom(options: OpenOptions): Promise<string> {
  if (typeof options.token === 'string' && options.token !== '') return options.token;
  let token: unknown;
  try {
    token = await options.fetchToken!();
  } catch (error) {
    throw connectError('CONNECT_FAILED', { message: `fetchToken() failed: ${(error as Error)?.message ?? String(error)}` });
  }
  if (typeof token !== 'string' || token === '')
    throw connectError('INVALID_OPTIONS', { message: 'fetchToken() must resolve to a session token' });
  return token;
}
