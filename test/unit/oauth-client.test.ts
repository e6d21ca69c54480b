import { describe, expect, it } from 'vitest';
import { loadConfig, withOverrides } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.js';
import { createHubSpotOAuth } from '../../src/hubspot/oauth-client.js';

function demoConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join(' | '));
  return withOverrides(result.config, { hubspot: { clientId: 'sandbox-client-id' } });
}

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('createHubSpotOAuth(config).authorizeUrl', () => {
  it('points at the configured authorize endpoint with client_id, redirect_uri, state and PKCE S256', () => {
    const config = demoConfig();
    const raw = createHubSpotOAuth(config).authorizeUrl({ state: 'state-123', codeChallenge: CHALLENGE });
    const url = new URL(raw);
    expect(`${url.origin}${url.pathname}`).toBe(config.hubspot.authorizeUrl);
    expect(url.searchParams.get('client_id')).toBe('sandbox-client-id');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/oauth/callback');
    expect(url.searchParams.get('state')).toBe('state-123');
    expect(url.searchParams.get('code_challenge')).toBe(CHALLENGE);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe(config.hubspot.scopes.join(' '));
  });

  it('writes spaces in the scope as %20, never +', () => {
    const raw = createHubSpotOAuth(demoConfig()).authorizeUrl({ state: 's', codeChallenge: CHALLENGE });
    expect(raw).toContain('scope=oauth%20crm.objects.contacts.read%20');
    expect(raw).not.toContain('+');
  });

  it('When no optional scopes are configured, then optional_scope is absent', () => {
    const url = new URL(createHubSpotOAuth(demoConfig()).authorizeUrl({ state: 's', codeChallenge: CHALLENGE }));
    expect(url.searchParams.has('optional_scope')).toBe(false);
  });

  it('When optional scopes are configured, then optional_scope lists them separated by %20', () => {
    const raw = createHubSpotOAuth(demoConfig({ HUBSPOT_OPTIONAL_SCOPES: 'tickets crm.objects.owners.read' })).authorizeUrl({
      state: 's',
      codeChallenge: CHALLENGE,
    });
    expect(raw).toContain('optional_scope=tickets%20crm.objects.owners.read');
    expect(new URL(raw).searchParams.get('optional_scope')).toBe('tickets crm.objects.owners.read');
  });

  it('When the state contains "+", then it is sent as %2B and reads back unchanged', () => {
    const raw = createHubSpotOAuth(demoConfig()).authorizeUrl({ state: 'ab+cd+', codeChallenge: CHALLENGE });
    expect(raw).toContain('state=ab%2Bcd%2B&');
    expect(new URL(raw).searchParams.get('state')).toBe('ab+cd+');
  });

  it('When the state already contains the text "%2B" or a space, then the + to %20 rewrite does not corrupt it', () => {
    const raw = createHubSpotOAuth(demoConfig()).authorizeUrl({ state: 'a%2Bb c', codeChallenge: CHALLENGE });
    expect(raw).toContain('state=a%252Bb%20c&');
    expect(new URL(raw).searchParams.get('state')).toBe('a%2Bb c');
  });
});
