/*
 * The `/embed.js` script: the same SDK as the package, as `window.HubSpotAEPConnect`, talking to the
 * service it was loaded from unless `serviceUrl` says otherwise.
 */
import { CONNECT_ERROR_CODES, mount, open } from './index.js';
import { setDefaultService } from './options.js';

const script = document.currentScript as HTMLScriptElement | null;
setDefaultService(new URL(script?.src || location.href).origin);
(window as unknown as { HubSpotAEPConnect: unknown }).HubSpotAEPConnect = Object.freeze({ open, mount, CONNECT_ERROR_CODES });
