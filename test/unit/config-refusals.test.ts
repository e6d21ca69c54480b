import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

const CREDENTIALS = {
  HUBSPOT_CLIENT_ID: 'hs-client-id',
  HUBSPOT_CLIENT_SECRET: 'hs-client-secret',
  ADOBE_CLIENT_ID: 'adobe-client-id',
  ADOBE_CLIENT_SECRET: 'adobe-client-secret',
  ADOBE_IMS_ORG: '0123456789ABCDEF01234567@AdobeOrg',
};
const SECRET = 'Vh3kP9qZ2mT7xR4wL8nB5cJ1dF6gS0aY-Ue';
const KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string | undefined>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected configuration problems, got a valid config');
  return result.problems;
}

describe('configuration refusals, in plain words', () => {
  it('When the README Run step is followed (credentials, SESSION_SECRET, TOKEN_ENCRYPTION_KEY and PUBLIC_BASE_URL only), then it starts with the documented redirect URI', () => {
    const result = loadConfig({
      ...CREDENTIALS,
      SESSION_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: KEY,
      PUBLIC_BASE_URL: 'http://localhost:3000',
    });
    expect(result.ok && result.config.hubspot.redirectUri).toBe('http://localhost:3000/oauth/callback');
    expect(result.ok && result.config.mode).toBe('live');
  });

  it('When PUBLIC_BASE_URL is https and TRUST_PROXY is unset, then it refuses and explains the lost cookie', () => {
    const problems = problemsOf({ PUBLIC_BASE_URL: 'https://connect.example.com' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PUBLIC_BASE_URL is https but TRUST_PROXY is not set/);
    expect(problems[0]).toContain('Secure session cookie');
    expect(problems[0]).toContain('TRUST_PROXY=1');
  });

  it('When PUBLIC_BASE_URL is https and TRUST_PROXY is 0 or false, then it refuses just the same', () => {
    for (const value of ['0', 'false']) {
      expect(problemsOf({ PUBLIC_BASE_URL: 'https://connect.example.com', TRUST_PROXY: value })[0]).toMatch(/TRUST_PROXY is not set/);
    }
  });

  it('When PUBLIC_BASE_URL is https and TRUST_PROXY is 1, then it starts', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://connect.example.com', TRUST_PROXY: '1' }).ok).toBe(true);
  });

  it.each(['yes please', '10.0.0.0/99', '300.1.1.1', 'loopback,nonsense'])(
    'When TRUST_PROXY is %j, then it is a config error, not a crash',
    (value) => {
      const problems = problemsOf({ TRUST_PROXY: value });
      expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY must be true, false, a number of proxy hops/)]);
    },
  );

  it.each(['loopback, 10.0.0.0/8', '::1', '192.168.0.0/255.255.0.0', 'uniquelocal'])('accepts TRUST_PROXY %j', (value) => {
    expect(loadConfig({ TRUST_PROXY: value }).ok).toBe(true);
  });

  it('When an upstream URL is plain http in live mode, then it refuses, naming the variable', () => {
    const problems = problemsOf({
      ...CREDENTIALS,
      SESSION_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: KEY,
      HUBSPOT_API_BASE_URL: 'http://api.hubapi.com',
      FLOW_SERVICE_BASE_URL: 'http://platform.adobe.io/data/foundation/flowservice',
    });
    expect(problems).toEqual([
      'HUBSPOT_API_BASE_URL must use https: client secrets and tokens would travel in clear text to http://api.hubapi.com',
      expect.stringMatching(/^FLOW_SERVICE_BASE_URL must use https/),
    ]);
  });

  it('When an upstream URL is plain http on a loopback address, then it is allowed (local tests)', () => {
    const env = {
      ...CREDENTIALS,
      SESSION_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: KEY,
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:4010',
      ADOBE_IMS_TOKEN_URL: 'http://localhost:4011/ims/token/v3',
    };
    expect(loadConfig(env).ok).toBe(true);
  });

  it.each([
    ['one repeated character', 'a'.repeat(48)],
    ['a repeated word', 'correcthorse'.repeat(4)],
    ['too little variety', 'abcabcabcabcabcabcabcabcabcabcabcabd'],
  ])('When SESSION_SECRET is %s, then it is refused as guessable', (_what, secret) => {
    expect(problemsOf({ SESSION_SECRET: secret })).toEqual([expect.stringMatching(/^SESSION_SECRET is too easy to guess/)]);
  });

  it('never echoes the session secret in a problem', () => {
    const secret = 'a'.repeat(40);
    expect(problemsOf({ SESSION_SECRET: secret }).join(' ')).not.toContain(secret);
  });

  it('When NODE_ENV is production and no credentials are set, then it refuses and names DEMO_MODE', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([expect.stringContaining('set DEMO_MODE=true to run the built-in simulators on purpose')]);
  });

  it('When NODE_ENV is production, no credentials are set and DEMO_MODE=true, then demo mode starts', () => {
    const result = loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true' });
    expect(result.ok && result.config.mode).toBe('demo');
  });

  it('When DEMO_MODE=true while every credential is set, then it refuses the contradiction', () => {
    const problems = problemsOf({ ...CREDENTIALS, SESSION_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY, DEMO_MODE: 'true' });
    expect(problems).toEqual([expect.stringMatching(/^DEMO_MODE is true but all the HubSpot and Adobe credentials are set/)]);
  });

  it('When HOST is set, then the config carries it; a URL instead of a host is refused', () => {
    const result = loadConfig({ HOST: '127.0.0.1' });
    expect(result.ok && result.config.host).toBe('127.0.0.1');
    expect(problemsOf({ HOST: 'http://0.0.0.0:3000' })).toEqual([expect.stringMatching(/^HOST must be an IP address or host name/)]);
  });

  it('defaults the shutdown grace period to ten upstream deadlines, well above 10 s', () => {
    const result = loadConfig({ UPSTREAM_TIMEOUT_MS: '10000' });
    expect(result.ok && result.config.shutdownTimeoutMs).toBe(100_000);
    const set = loadConfig({ SHUTDOWN_TIMEOUT_MS: '45000' });
    expect(set.ok && set.config.shutdownTimeoutMs).toBe(45_000);
  });

  it('When fields are invalid and a cross-field rule also fails, then all are reported at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      UPSTREAM_TIMEOUT_MS: '5s',
      PUBLIC_BASE_URL: 'https://connect.example.com',
      HUBSPOT_SCOPES: 'crm.objects.contacts.read',
    });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "abc")',
      'UPSTREAM_TIMEOUT_MS must be a whole number from 100 to 120000 (got "5s")',
      expect.stringMatching(/^PUBLIC_BASE_URL is https but TRUST_PROXY is not set/),
      expect.stringMatching(/^HUBSPOT_SCOPES must include "oauth"/),
    ]);
  });
});
