/**
 * Defaults for the configuration contract (README "Configuration").
 *
 * HubSpot scopes: Adobe documents no scopes for the HubSpot *source* (docs/reference/adobe-flow-service.md §1.3,
 * [UNCONFIRMED]). The source reads CRM objects and their property definitions, so we ask for the read
 * scopes of the three core objects it ingests (contacts, companies, deals) and their schemas, plus
 * `oauth`, which HubSpot adds to every app and whose absence causes a scope-mismatch error page
 * (docs/reference/hubspot-oauth.md §5, n8n#23204). Least privilege (RFC 9700 §2.3): nothing that writes.
 */
export const DEFAULT_HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
].join(' ');

export const DEFAULT_HUBSPOT_AUTHORIZE_URL = 'https://app.hubspot.com/oauth/authorize';
export const DEFAULT_HUBSPOT_API_BASE_URL = 'https://api.hubapi.com';
export const DEFAULT_ADOBE_IMS_TOKEN_URL = 'https://ims-na1.adobelogin.com/ims/token/v3';
/** The scopes the Developer Console shows for an AEP credential (docs/reference/adobe-flow-service.md §4.1). */
export const DEFAULT_ADOBE_SCOPES = 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';
export const DEFAULT_FLOW_SERVICE_BASE_URL = 'https://platform.adobe.io/data/foundation/flowservice';
/** The other Platform APIs a dataflow needs, on the same host (https://developer.adobe.com/experience-platform-apis/). */
export const DEFAULT_SCHEMA_REGISTRY_BASE_URL = 'https://platform.adobe.io/data/foundation/schemaregistry';
export const DEFAULT_CATALOG_BASE_URL = 'https://platform.adobe.io/data/foundation/catalog';
export const DEFAULT_DATA_PREP_BASE_URL = 'https://platform.adobe.io/data/foundation/conversion';

/** The credentials whose joint absence selects demo mode (the simulators); a partial set is a configuration error. */
export const CREDENTIAL_KEYS = [
  'HUBSPOT_CLIENT_ID',
  'HUBSPOT_CLIENT_SECRET',
  'ADOBE_CLIENT_ID',
  'ADOBE_CLIENT_SECRET',
  'ADOBE_IMS_ORG',
] as const;

export const MIN_SESSION_SECRET_LENGTH = 32;

/**
 * The most upstream calls one completion makes in a row (code exchange, introspection and its retry,
 * IMS token, Flow Service look-up, create or update and its refresh, explore, with safe retries), each
 * bounded by UPSTREAM_TIMEOUT_MS. The default shutdown grace period is this many deadlines.
 */
export const UPSTREAM_CALLS_PER_FLOW = 10;

/**
 * Hourly: Profile accepts about 90 batches a day per sandbox (a soft limit), which a 15-minute schedule (96 a
 * day) exceeds alone (https://experienceleague.adobe.com/en/docs/experience-platform/ingestion/guardrails).
 */
export const DEFAULT_DATAFLOW_SCHEDULE = Object.freeze({ frequency: 'hour', interval: 1 } as const);
