import type { Config } from './config.js';

/** Rules that involve more than one variable; each message says what to change. */
export function checkCrossFieldRules(config: Config): string[] {
  const problems: string[] = [];
  const redirect = new URL(config.hubspot.redirectUri);
  const base = new URL(config.publicBaseUrl);
  // HubSpot: "this URL must use https in production (… localhost, http can be used). You also must use
  // a domain, as IP addresses are not supported." (docs/reference/hubspot-oauth.md §1)
  if (/^\[|^\d+\.\d+\.\d+\.\d+$/.test(redirect.hostname)) {
    problems.push('HUBSPOT_REDIRECT_URI: HubSpot does not accept IP addresses; use a domain name such as localhost');
  }
  if (redirect.protocol !== 'https:' && redirect.hostname !== 'localhost') {
    problems.push('HUBSPOT_REDIRECT_URI: HubSpot requires https except for localhost');
  }
  // The callback must receive the session cookie set when the flow started, so it has to be served
  // by this service on the same origin users reach it at.
  if (redirect.origin !== base.origin) {
    problems.push(
      `HUBSPOT_REDIRECT_URI (${redirect.origin}) and PUBLIC_BASE_URL (${base.origin}) must have the same origin, ` +
        'so that the browser sends its session cookie to the callback',
    );
  }
  if (redirect.search || redirect.hash) {
    problems.push('HUBSPOT_REDIRECT_URI must not carry a query string or fragment');
  }
  if (!config.hubspot.scopes.includes('oauth')) {
    problems.push('HUBSPOT_SCOPES must include "oauth": HubSpot adds it to every app and rejects install URLs without it');
  }
  if (config.hubspot.scopes.some((s) => s.includes(','))) {
    problems.push('HUBSPOT_SCOPES must be space-separated, not comma-separated');
  }
  const both = config.hubspot.optionalScopes.filter((s) => config.hubspot.scopes.includes(s));
  if (both.length > 0) problems.push(`HUBSPOT_OPTIONAL_SCOPES repeats required scopes: ${both.join(' ')}`);
  return problems;
}
