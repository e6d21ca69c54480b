/** The HubSpot source's connection spec in Flow Service (docs/reference/adobe-flow-service.md §1.1). */
export const HUBSPOT_CONNECTION_SPEC = Object.freeze({ id: 'cc6a4487-9e91-433e-a3a3-9cf6626c1806', version: '1.0' });

/** Its only auth spec; it carries OAuth app values, not a username and password (docs/reference/adobe-flow-service.md §1.2). */
export const HUBSPOT_AUTH_SPEC_NAME = 'Basic Authentication';

/** Connection name, e.g. "HubSpot acme.hubspot.com (12345678)"; a portal without a known domain is named by hub id. */
export function connectionNameFor(hub: { domain?: string; hubId: number }): string {
  return hub.domain ? `HubSpot ${hub.domain} (${hub.hubId})` : `HubSpot hub ${hub.hubId}`;
}

/**
 * The stable marker that identifies a portal's connection: written as the connection's description, found
 * with the list API's exact `description==` filter (docs/reference/adobe-flow-service.md §2.3). It holds only the
 * hub id, so renaming the connection in AEP or a new portal domain still finds the same connection. No comma:
 * in a filter value a comma means OR.
 */
export function connectionMarkerFor(hubId: number): string {
  return `HubSpot hub ${hubId} · managed by hubspot-aep-connect`;
}
