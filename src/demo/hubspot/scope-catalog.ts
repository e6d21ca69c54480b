/**
 * Scope names the simulator knows (docs/reference/hubspot-oauth.md §5). Anything else gets HubSpot's
 * "An invalid scope name was provided". The legacy `contacts` scope is deliberately absent:
 * it is no longer available to new apps (HubSpot/oauth-quickstart-nodejs PR #23).
 */
const OBJECTS = ['contacts', 'companies', 'deals', 'owners', 'line_items', 'quotes', 'custom', 'goals', 'marketing_events', 'tickets'];
const SCHEMAS = ['contacts', 'companies', 'deals', 'custom', 'line_items', 'quotes'];

const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  'oauth',
  ...OBJECTS.map((o) => `crm.objects.${o}.read`),
  ...OBJECTS.map((o) => `crm.objects.${o}.write`),
  ...SCHEMAS.map((s) => `crm.schemas.${s}.read`),
  ...SCHEMAS.map((s) => `crm.schemas.${s}.write`),
  'crm.lists.read',
  'crm.lists.write',
  'tickets',
  'e-commerce',
  'crm.export',
]);

export function isKnownScope(name: string): boolean {
  return KNOWN_SCOPES.has(name);
}

/** HubSpot adds `oauth` to every app; omitting it from `scope` is a mismatch (n8n#23204). */
export const ALWAYS_REQUIRED_SCOPE = 'oauth';
