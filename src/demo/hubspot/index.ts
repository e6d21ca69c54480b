// Public surface of the HubSpot OAuth simulator; everything else in this folder is internal.
export type { GrantStatus, HubSpotSimApp, HubSpotSimOptions, HubSpotSimPortal, HubSpotSimStats, HubSpotSimulator } from './types.js';
export { startHubSpotSimulator } from './simulator.js';
export { pkceS256Challenge } from './pkce.js';
export { decideConsent } from './consent-driver.js';
