import { randomBytes, randomUUID } from 'node:crypto';

/** The made-up HubSpot portal the sandbox's consent screen offers. */
export const DEMO_PORTAL = Object.freeze({
  hubId: 20456789,
  domain: 'acme-demo.hubspot.com',
  user: 'marketing-ops@acme-demo.example',
  userId: 4242,
});

/** A made-up Adobe org id in the documented `…@AdobeOrg` form. */
export const DEMO_ORG = 'ACME0DEMO0000000000000A1@AdobeOrg';

/** Fresh credentials for one sandbox run: the app and the simulators share them, nobody else knows them. */
export function demoCredentials() {
  return {
    hubspot: { clientId: randomUUID(), clientSecret: randomUUID() },
    adobe: { clientId: randomBytes(16).toString('hex'), clientSecret: `p8e-${randomBytes(24).toString('base64url')}` },
  };
}
