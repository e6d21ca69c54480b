/** A column of a flat table schema as explore returns it (docs/reference/adobe-flow-service.md §2.6). */
export interface ExploreColumn {
  name: string;
  type: string;
  'meta:xdmType'?: string;
  xdm: { type: string; format?: string };
}

const text = (name: string): ExploreColumn => ({ name, type: 'string', xdm: { type: 'string' } });
/** [INFERRED] integer: these flatten the numeric `vid` and `portal-id` of HubSpot's legacy Contacts v1 record. */
const whole = (name: string): ExploreColumn => ({ name, type: 'integer', xdm: { type: 'integer' } });
const dateTime = (name: string): ExploreColumn => ({
  name,
  type: 'string',
  'meta:xdmType': 'date-time',
  xdm: { type: 'string', format: 'date-time' },
});

/**
 * Tables of a HubSpot base connection: exactly the four of Adobe's explore example
 * (https://experienceleague.adobe.com/en/docs/experience-platform/sources/api-tutorials/explore/marketing-automation,
 * docs/reference/adobe-flow-service.md §2.6), no more. Adobe documents columns for Contacts only: the page's
 * `Properties_Firstname_Value`, `Properties_Lastname_Value`, `Added_At` and `Portal_Id`, plus `Vid` from the HubSpot
 * dataflow tutorial's mapping. No email column: Adobe shows none, and the legacy v1 record it flattens returns few
 * properties by default, so a client must cope without one. The other tables answer an empty column list rather
 * than invented columns.
 */
export const HUBSPOT_TABLES: Readonly<Record<string, readonly ExploreColumn[]>> = {
  'Hubspot.All_Deals': [],
  'Hubspot.Blog_Authors': [],
  'Hubspot.Blog_Comments': [],
  'Hubspot.Contacts': [
    whole('Vid'),
    text('Properties_Firstname_Value'),
    text('Properties_Lastname_Value'),
    dateTime('Added_At'),
    whole('Portal_Id'),
  ],
};

/**
 * Rows for `preview=true` (EN `tutorials/api/filter.md`): made-up demo contacts with the documented columns, so a
 * client can show what will flow. Tables without documented columns preview no rows.
 */
export const HUBSPOT_PREVIEW_ROWS: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  'Hubspot.Contacts': [
    {
      Vid: 101,
      Properties_Firstname_Value: 'Ada',
      Properties_Lastname_Value: 'Lovelace',
      Added_At: '2026-01-05T09:30:00Z',
      Portal_Id: 62515,
    },
    {
      Vid: 102,
      Properties_Firstname_Value: 'Alan',
      Properties_Lastname_Value: 'Turing',
      Added_At: '2026-02-11T14:05:00Z',
      Portal_Id: 62515,
    },
  ],
};

export function isHubSpotTable(name: string): boolean {
  return Object.hasOwn(HUBSPOT_TABLES, name);
}

/**
 * The tables explore answers. Tests only may add `Properties_Email_Value` (the name the legacy v1 record's
 * `properties.email.value` would flatten to, docs/reference/adobe-dataflow.md §3) to Contacts, as a portal whose
 * explore returns one would: Adobe's page shows no such column, so the simulator has none by default.
 */
export function hubspotTables(options: { contactsEmailColumn?: boolean }): Readonly<Record<string, readonly ExploreColumn[]>> {
  if (!options.contactsEmailColumn) return HUBSPOT_TABLES;
  return { ...HUBSPOT_TABLES, 'Hubspot.Contacts': [...(HUBSPOT_TABLES['Hubspot.Contacts'] ?? []), text('Properties_Email_Value')] };
}
