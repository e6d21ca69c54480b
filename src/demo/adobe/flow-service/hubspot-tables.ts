/** A column of a flat table schema as explore returns it (docs/reference/adobe-flow-service.md §2.6). */
export interface ExploreColumn {
  name: string;
  type: string;
  'meta:xdmType'?: string;
  xdm: { type: string; format?: string };
}

const text = (name: string): ExploreColumn => ({ name, type: 'string', xdm: { type: 'string' } });
const dateTime = (name: string): ExploreColumn => ({
  name,
  type: 'string',
  'meta:xdmType': 'date-time',
  xdm: { type: 'string', format: 'date-time' },
});

/**
 * Tables of a HubSpot base connection. The first four are the documented explore response (EN
 * `explore/marketing-automation.md@532f8149`, docs/reference/adobe-flow-service.md §2.6), whose listing is trimmed; Companies is
 * [INFERRED] from HubSpot's CRM objects. Of the columns, only Contacts' `Properties_Firstname_Value`
 * and `Added_At` are documented; the rest are [INFERRED] placeholders in the same naming style.
 */
export const HUBSPOT_TABLES: Readonly<Record<string, ExploreColumn[]>> = {
  'Hubspot.All_Deals': [text('Deal_Id'), text('Properties_Dealname_Value'), text('Properties_Amount_Value')],
  'Hubspot.Blog_Authors': [text('Id'), text('Full_Name'), text('Email')],
  'Hubspot.Blog_Comments': [text('Id'), text('Comment'), dateTime('Created_At')],
  'Hubspot.Contacts': [
    text('Vid'),
    text('Properties_Firstname_Value'),
    text('Properties_Lastname_Value'),
    text('Properties_Email_Value'),
    dateTime('Added_At'),
  ],
  'Hubspot.Companies': [text('Company_Id'), text('Properties_Name_Value'), text('Properties_Domain_Value')],
};
