import { ALWAYS_REQUIRED_SCOPE, isKnownScope } from './scope-catalog.js';
import type { HubSpotSimApp, HubSpotSimPortal } from './types.js';

/** An app with its scope settings normalised for lookups. */
export interface RegisteredApp {
  name?: string;
  clientId: string;
  clientSecret: string;
  redirectUris: readonly string[];
  required: ReadonlySet<string>;
  optional: ReadonlySet<string>;
  appId: number;
}

/**
 * Validates the simulator's app settings once, at start-up. HubSpot's app settings only offer
 * catalogued scopes, so an unknown scope here is a test-setup bug and throws rather than
 * surfacing later as a confusing authorize error.
 */
export function registerApps(apps: HubSpotSimApp[], portal: HubSpotSimPortal): Map<string, RegisteredApp> {
  const registry = new Map<string, RegisteredApp>();
  apps.forEach((app, index) => {
    if (registry.has(app.clientId)) throw new TypeError(`duplicate HubSpot sim app clientId "${app.clientId}"`);
    const all = [...app.requiredScopes, ...(app.optionalScopes ?? [])];
    const unknown = all.filter((s) => !isKnownScope(s));
    if (unknown.length > 0) throw new TypeError(`HubSpot sim app "${app.clientId}" has unknown scopes: ${unknown.join(', ')}`);
    const required = new Set([ALWAYS_REQUIRED_SCOPE, ...app.requiredScopes]);
    registry.set(app.clientId, {
      ...(app.name !== undefined ? { name: app.name } : {}),
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUris: [...app.redirectUris],
      required,
      optional: new Set((app.optionalScopes ?? []).filter((s) => !required.has(s))),
      // Apps carry no id in the options; the portal's appId (if given) applies to the first app.
      appId: index === 0 && portal.appId !== undefined ? portal.appId : 1_234_000 + index,
    });
  });
  return registry;
}
