import type { Harness } from './harness.js';

/**
 * Every secret the run could leak: both client secrets, every IMS token minted, and every HubSpot
 * token or code seen on the wire by the simulators.
 */
export function knownSecrets(h: Harness): string[] {
  const secrets = new Set<string>([h.config.hubspot.clientSecret, h.config.adobe.clientSecret]);
  for (const req of h.sandbox.flowService.requests.entries) {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (bearer) secrets.add(bearer);
    try {
      const params = JSON.parse(req.rawBody)?.auth?.params ?? JSON.parse(req.rawBody)?.[0]?.value ?? {};
      for (const key of ['accessToken', 'refreshToken']) if (typeof params[key] === 'string') secrets.add(params[key]);
    } catch {
      // not JSON: nothing to collect
    }
  }
  for (const req of h.sandbox.hubspot.requests.entries) {
    const form = new URLSearchParams(req.rawBody);
    for (const key of ['code', 'code_verifier', 'token', 'refresh_token']) {
      const value = form.get(key);
      if (value) secrets.add(value);
    }
  }
  return [...secrets].filter((s) => s.length >= 8);
}

export function expectNoSecretsIn(text: string, h: Harness): void {
  for (const secret of knownSecrets(h)) {
    if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 4)}…) leaked into the output`);
  }
}
