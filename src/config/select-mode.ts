import { CREDENTIAL_KEYS } from './defaults.js';
import type { ParsedFields } from './parse-fields.js';

type Env = Record<string, string | undefined>;

/**
 * Live mode when all five credentials are set; demo mode (the built-in simulators) when none is.
 * In production demo mode must be asked for with DEMO_MODE=true, so that a deployment whose
 * credentials went missing refuses to start instead of serving simulators on a public URL.
 */
export function selectMode(env: Env, fields: ParsedFields): { mode: 'live' | 'demo'; problems: string[] } {
  const present = CREDENTIAL_KEYS.filter((key) => env[key] !== undefined);
  const demoAsked = fields.values.DEMO_MODE === true;
  if (present.length === CREDENTIAL_KEYS.length) {
    const problems = demoAsked
      ? [
          'DEMO_MODE is true but all the HubSpot and Adobe credentials are set: remove DEMO_MODE to run for real, or the credentials to run the demo',
        ]
      : [];
    if (fields.values.SESSION_SECRET === undefined && !fields.invalid.has('SESSION_SECRET')) {
      problems.push('SESSION_SECRET is required when credentials are set; generate one with `openssl rand -base64 48`');
    }
    if (fields.values.TOKEN_ENCRYPTION_KEY === undefined && !fields.invalid.has('TOKEN_ENCRYPTION_KEY')) {
      problems.push('TOKEN_ENCRYPTION_KEY is required when credentials are set; generate one with `openssl rand -base64 32`');
    }
    return { mode: 'live', problems };
  }
  if (present.length > 0) {
    const problems = CREDENTIAL_KEYS.filter((key) => !present.includes(key)).map(
      (key) =>
        `${key} is required: some credentials are set (${present.join(', ')}), so this is not demo mode. ` +
        'Set all of them for live use, or none to run against the built-in simulators.',
    );
    return { mode: 'live', problems };
  }
  if (env.NODE_ENV === 'production' && !demoAsked) {
    return {
      mode: 'demo',
      problems: [
        'NODE_ENV is production but no HubSpot or Adobe credentials are set. Set HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, ' +
          'ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET and ADOBE_IMS_ORG to connect for real, or set DEMO_MODE=true to run the ' +
          'built-in simulators on purpose.',
      ],
    };
  }
  return { mode: 'demo', problems: [] };
}
