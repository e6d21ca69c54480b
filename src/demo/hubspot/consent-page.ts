import type { Response } from 'express';
import { html, sendPage } from './html-page.js';
import type { PendingAuthorization } from './state.js';
import type { HubSpotSimPortal } from './types.js';

/** Path the consent form posts to; the form carries only the opaque pending id, never app secrets. */
export const DECISION_PATH = '/oauth/authorize/decision';

/** HubSpot's "connect app" screen: the app, the account, the scopes, and Grant / Cancel. */
export function sendConsentPage(res: Response, pending: PendingAuthorization, portal: HubSpotSimPortal): void {
  const scopes = pending.granted.map((s) => html`<li><code>${s}</code></li>`);
  const withheld =
    pending.withheld.length === 0
      ? html``
      : html`<p>Not available for this account, so not granted:</p>
<ul id="withheld-scopes">${pending.withheld.map((s) => html`<li><code>${s}</code></li>`)}</ul>`;
  sendPage(
    res,
    200,
    'Connect app',
    html`<h1>Connect an app to your HubSpot account</h1>
<p>The app <code id="client-id">${pending.app.clientId}</code> (app ID ${pending.app.appId}) is requesting access to
<strong id="hub-domain">${portal.domain}</strong> (Hub ID <span id="hub-id">${portal.hubId}</span>),
signed in as <span id="user">${portal.user}</span>.</p>
<p>It will be able to:</p>
<ul id="scopes">${scopes}</ul>${withheld}
<form method="post" action="${DECISION_PATH}">
<input type="hidden" name="request_id" value="${pending.id}">
<button type="submit" name="decision" value="grant">Grant</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
  );
}
