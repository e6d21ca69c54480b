/** The one HubSpot object v1 brings in. */
export const CONTACTS_TABLE = 'Hubspot.Contacts';

/**
 * The marker that finds what the steps made after a lost answer or on a rerun: written as the description of the
 * schema, dataset, connections and flow and as the mapping set's name. No comma: in a filter a comma means OR.
 */
export function dataflowMarker(hubId: number, object = CONTACTS_TABLE): string {
  return `HubSpot hub ${hubId} · ${object} · managed by hubspot-aep-connect`;
}

/** Names shown in AEP and on our offer, by hub id (a portal's domain may change; its hub id does not). */
export function dataflowNames(hubId: number) {
  return {
    schema: `HubSpot Contacts (hub ${hubId})`,
    dataset: `HubSpot Contacts dataset (hub ${hubId})`,
    sourceConnection: `HubSpot Contacts source (hub ${hubId})`,
    targetConnection: `HubSpot Contacts target (hub ${hubId})`,
    flow: `HubSpot Contacts to Experience Platform (hub ${hubId})`,
  };
}
