/** The HubSpot source's connection spec in Flow Service (docs/reference/adobe-flow-service.md §1.1). */
export const HUBSPOT_CONNECTION_SPEC = Object.freeze({ id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' });

/** Its only auth spec; it carries OAuth app values, not a username and password (docs/reference/adobe-flow-service.md §1.2). */
export const HUBSPOT_AUTH_SPEC_NAME = 'Basic Authentication';

/** Connection name, e.g. "HubSpot acme.hubspot.com (12345678)". */
export function connectionNameFor(hub: { domain: string; hubId: number }): string {
  return `HubSpot ${hub.domain} (${hub.hubId})`;
}
