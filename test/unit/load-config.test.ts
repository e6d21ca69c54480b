import { describe, expect, it } from 'vitest';
import { loadConfig, withOverrides } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.js';

const LIVE_ENV = {
  HUBSPOT_CLIENT_ID: 'hs-client-id',
  HUBSPOT_CLIENT_SECRET: 'hs-client-secret',
  ADOBE_CLIENT_ID: 'adobe-client-id',
  ADOBE_CLIENT_SECRET: 'adobe-client-secret',
  ADOBE_IMS_ORG: '0123456789ABCDEF01234567@AdobeOrg',
  SESSION_SECRET: 'a-session-secret-that-is-long-enough-0123456789',
  TOKEN_ENCRYPTION_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  HUBSPOT_REDIRECT_URI: 'https://connect.example.com/oauth/callback',
  TRUST_PROXY: '1',
};

function okConfig(env: Record<string, string | undefined>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.problems.join(' | ')}`);
  return result.config;
}

function problemsOf(env: Record<string, string | undefined>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected configuration problems, got a valid config');
  return result.problems;
}

function expectDeepFrozen(value: unknown, path = 'config'): void {
  if (value === null || typeof value !== 'object') return;
  expect(Object.isFrozen(value), `${path} is frozen`).toBe(true);
  for (const [key, child] of Object.entries(value)) expectDeepFrozen(child, `${path}.${key}`);
}

describe('loadConfig: demo mode', () => {
  it('When the environment is empty, then it selects demo mode with the documented defaults', () => {
    const config = okConfig({});
    expect(config.mode).toBe('demo');
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.hubspot.redirectUri).toBe('http://localhost:3000/oauth/callback');
    expect(config.hubspot.callbackPath).toBe('/oauth/callback');
    expect(config.adobe.sandboxName).toBe('prod');
    expect(config.hubspot.scopes).toContain('oauth');
    expect(config.hubspot.scopes.every((s) => !s.includes(' ') && !s.includes(','))).toBe(true);
    expect(config.hubspot.optionalScopes).toEqual([]);
    expect(config.trustProxy).toBe(false);
    expect(config.logLevel).toBe('info');
    expect(config.upstreamTimeoutMs).toBe(10_000);
  });

  it('When no SESSION_SECRET is set in demo mode, then a random secret of at least 32 characters is generated per load', () => {
    const first = okConfig({}).sessionSecret;
    const second = okConfig({}).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(second.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe(second);
  });

  it('When PORT is set in demo mode, then the public base URL and redirect URI follow it', () => {
    const config = okConfig({ PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.publicBaseUrl).toBe('http://localhost:8080');
    expect(config.hubspot.redirectUri).toBe('http://localhost:8080/oauth/callback');
  });

  it('treats blank credential variables as unset, so the mode stays sandbox', () => {
    expect(okConfig({ HUBSPOT_CLIENT_ID: '', ADOBE_CLIENT_SECRET: '   ' }).mode).toBe('demo');
  });

  it('rejects a short SESSION_SECRET even in demo mode', () => {
    const problems = problemsOf({ SESSION_SECRET: 'too-short' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SESSION_SECRET must be at least 32 characters long \(it has 9\)/);
  });

  it('rejects a non-numeric PORT and an unknown LOG_LEVEL together', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(2);
    expect(problems).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(problems).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(problems.join(' ')).not.toMatch(/expected|received|NaN|Invalid input/);
  });

  it('splits HUBSPOT_OPTIONAL_SCOPES on whitespace', () => {
    expect(okConfig({ HUBSPOT_OPTIONAL_SCOPES: ' tickets   crm.objects.owners.read ' }).hubspot.optionalScopes).toEqual([
      'tickets',
      'crm.objects.owners.read',
    ]);
  });

  it('splits ADOBE_SCOPES on commas and trims each scope', () => {
    expect(okConfig({ ADOBE_SCOPES: 'openid, AdobeID ,session' }).adobe.scopes).toEqual(['openid', 'AdobeID', 'session']);
  });
});

describe('loadConfig: partial credentials', () => {
  it('When only some credentials are set, then every missing credential is reported at once', () => {
    const problems = problemsOf({ HUBSPOT_CLIENT_ID: 'x', ADOBE_IMS_ORG: '0123456789ABCDEF01234567@AdobeOrg' });
    const credentialProblems = problems.filter((p) => p.includes('so this is not demo mode'));
    expect(credentialProblems.map((p) => p.split(' ')[0])).toEqual(['HUBSPOT_CLIENT_SECRET', 'ADOBE_CLIENT_ID', 'ADOBE_CLIENT_SECRET']);
    for (const problem of credentialProblems) expect(problem).toContain('HUBSPOT_CLIENT_ID, ADOBE_IMS_ORG');
    // What live mode needs besides the credentials is listed in the same report, each problem once.
    expect(
      problems
        .filter((p) => !credentialProblems.includes(p))
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual([]);
  });

  it('When credentials are partial and PORT is invalid, then both are reported together', () => {
    const problems = problemsOf({ HUBSPOT_CLIENT_ID: 'x', PORT: 'abc' });
    expect(problems.some((p) => p.startsWith('HUBSPOT_CLIENT_SECRET is required'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PORT must be a whole number'))).toBe(true);
  });

  it('When a credential is blank while the others are set, then it is reported as missing', () => {
    const problems = problemsOf({ ...LIVE_ENV, ADOBE_CLIENT_SECRET: '  ' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ADOBE_CLIENT_SECRET is required/);
  });
});

describe('loadConfig: live mode', () => {
  it('When every credential and the redirect URI are set, then it selects live mode', () => {
    const config = okConfig(LIVE_ENV);
    expect(config.mode).toBe('live');
    expect(config.hubspot.clientId).toBe('hs-client-id');
    expect(config.adobe.imsOrg).toBe('0123456789ABCDEF01234567@AdobeOrg');
    expect(config.sessionSecret).toBe(LIVE_ENV.SESSION_SECRET);
  });

  it('When SESSION_SECRET is missing and ADOBE_IMS_ORG is malformed, then both problems are listed together', () => {
    const problems = problemsOf({ ...LIVE_ENV, SESSION_SECRET: undefined, ADOBE_IMS_ORG: 'not-an-org' });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('SESSION_SECRET is required'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ADOBE_IMS_ORG') && p.includes('@AdobeOrg'))).toBe(true);
  });

  it('rejects a short SESSION_SECRET in live mode, alongside other schema problems', () => {
    const problems = problemsOf({ ...LIVE_ENV, SESSION_SECRET: 'Zq8#'.repeat(7) + 'abc', ADOBE_IMS_ORG: 'ABC' });
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('SESSION_SECRET') && p.includes('at least 32'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ADOBE_IMS_ORG'))).toBe(true);
  });

  it('accepts a random SESSION_SECRET of exactly 32 characters', () => {
    const secret = 'k7Qp2Zr9XwB4mNc6Tv1Ly8Hd3Gs5Fj0A';
    expect(okConfig({ ...LIVE_ENV, SESSION_SECRET: secret }).sessionSecret).toBe(secret);
  });

  it('rejects a redirect URI that is not an absolute http(s) URL, in plain words', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'ftp://connect.example.com/cb' });
    expect(problems).toEqual([
      'HUBSPOT_REDIRECT_URI must be a full web address starting with https:// (got "ftp://connect.example.com/cb")',
    ]);
  });

  it('When PUBLIC_BASE_URL is not set, then it defaults to the redirect URI origin', () => {
    const config = okConfig({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'https://connect.example.com:8443/hubspot/return' });
    expect(config.publicBaseUrl).toBe('https://connect.example.com:8443');
  });

  it('takes the callback path from the redirect URI path', () => {
    expect(okConfig({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'https://connect.example.com/hubspot/return' }).hubspot.callbackPath).toBe(
      '/hubspot/return',
    );
  });

  it('strips trailing slashes from PUBLIC_BASE_URL and keeps its path prefix', () => {
    const config = okConfig({ ...LIVE_ENV, PUBLIC_BASE_URL: 'https://connect.example.com/app//' });
    expect(config.publicBaseUrl).toBe('https://connect.example.com/app');
  });

  it('accepts http for a localhost redirect URI', () => {
    const config = okConfig({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'http://localhost:3000/oauth/callback' });
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });
});

describe('loadConfig: cross-field rules', () => {
  it('rejects a redirect URI whose host is an IPv4 address', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'https://10.0.0.5/oauth/callback' });
    expect(problems).toEqual([expect.stringContaining('HubSpot does not accept IP addresses')]);
  });

  it('rejects a redirect URI whose host is an IPv6 address', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'https://[::1]/oauth/callback' });
    expect(problems).toEqual([expect.stringContaining('HubSpot does not accept IP addresses')]);
  });

  it('rejects an http redirect URI on a host other than localhost', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'http://connect.example.com/oauth/callback' });
    expect(problems).toEqual([expect.stringContaining('HubSpot requires https except for localhost')]);
  });

  it('rejects a redirect URI on a different origin than PUBLIC_BASE_URL', () => {
    const problems = problemsOf({ ...LIVE_ENV, PUBLIC_BASE_URL: 'https://app.example.com' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('https://connect.example.com');
    expect(problems[0]).toContain('https://app.example.com');
    expect(problems[0]).toContain('same origin');
  });

  it('rejects a redirect URI with a query string', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_REDIRECT_URI: 'https://connect.example.com/oauth/callback?x=1' });
    expect(problems).toEqual([expect.stringContaining('must not carry a query string or fragment')]);
  });

  it('rejects HUBSPOT_SCOPES without oauth', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_SCOPES: 'crm.objects.contacts.read' });
    expect(problems).toEqual([expect.stringContaining('HUBSPOT_SCOPES must include "oauth"')]);
  });

  it('rejects comma-separated HUBSPOT_SCOPES', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_SCOPES: 'oauth crm.objects.contacts.read,crm.objects.deals.read' });
    expect(problems).toEqual([expect.stringContaining('space-separated, not comma-separated')]);
  });

  it('rejects optional scopes that repeat required ones', () => {
    const problems = problemsOf({ ...LIVE_ENV, HUBSPOT_SCOPES: 'oauth tickets', HUBSPOT_OPTIONAL_SCOPES: 'tickets e-commerce' });
    expect(problems).toEqual(['HUBSPOT_OPTIONAL_SCOPES repeats required scopes: tickets']);
  });

  it('When several cross-field rules fail, then every problem is listed together', () => {
    const problems = problemsOf({
      ...LIVE_ENV,
      HUBSPOT_REDIRECT_URI: 'http://127.0.0.1/oauth/callback',
      PUBLIC_BASE_URL: 'https://connect.example.com',
      HUBSPOT_SCOPES: 'crm.a,crm.b',
    });
    expect(problems).toHaveLength(5);
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8', '10.0.0.0/8'],
  ] as const)('When TRUST_PROXY is %j, then trustProxy is %j', (value, expected) => {
    expect(okConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });
});

describe('loadConfig: immutability', () => {
  it('returns a deeply frozen config', () => {
    const config = okConfig({ HUBSPOT_OPTIONAL_SCOPES: 'tickets' });
    expectDeepFrozen(config);
    expect(() => {
      (config.hubspot.scopes as string[]).push('crm.objects.owners.write');
    }).toThrow(TypeError);
  });

  it('withOverrides returns a deeply frozen copy with the patch applied and leaves the original unchanged', () => {
    const config = okConfig({});
    const patched = withOverrides(config, {
      hubspot: { clientId: 'sim-client', authorizeUrl: 'http://localhost:4000/oauth/authorize' },
      adobe: { imsOrg: 'SIM@AdobeOrg' },
    });
    expect(patched).not.toBe(config);
    expect(patched.hubspot.clientId).toBe('sim-client');
    expect(patched.hubspot.authorizeUrl).toBe('http://localhost:4000/oauth/authorize');
    expect(patched.hubspot.redirectUri).toBe(config.hubspot.redirectUri);
    expect(patched.adobe.imsOrg).toBe('SIM@AdobeOrg');
    expect(patched.adobe.sandboxName).toBe('prod');
    expect(config.hubspot.clientId).toBe('');
    expect(config.adobe.imsOrg).toBe('');
    expectDeepFrozen(patched);
  });
});
