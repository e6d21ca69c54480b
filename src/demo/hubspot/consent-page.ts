import type { Response } from 'express';
import { html, sendPage } from './html-page.js';
import type { PendingAuthorization } from './state.js';
import type { HubSpotSimPortal } from './types.js';

/** Path the consent form posts to; the form carries only the opaque pending id, never app secrets. */
export const DECISION_PATH = '/oauth/authorize/decision';

/** The simulator's own words, in the two languages the service speaks (HubSpot localizes its pages too). */
const WORDS = {
  en: {
    title: 'Connect app',
    simulated: 'Simulated HubSpot (demo mode): no real HubSpot account is involved.',
    heading: (app: string) => `Connect ${app} to your HubSpot account`,
    requesting: 'is requesting access to',
    signedIn: 'signed in as',
    able: 'It will be able to:',
    withheld: 'Not available for this account, so not granted:',
    grant: 'Grant',
    cancel: 'Cancel',
  },
  fr: {
    title: 'Connecter l’app',
    simulated: 'HubSpot simulé (mode démo) : aucun vrai compte HubSpot n’est concerné.',
    heading: (app: string) => `Connecter ${app} à votre compte HubSpot`,
    requesting: 'demande l’accès à',
    signedIn: 'connecté en tant que',
    able: 'Elle pourra :',
    withheld: 'Non disponibles pour ce compte, donc non accordés :',
    grant: 'Autoriser',
    cancel: 'Annuler',
  },
} as const;

/** HubSpot's "connect app" screen: the app, the account, the scopes, and Grant / Cancel, marked as simulated. */
export function sendConsentPage(res: Response, pending: PendingAuthorization, portal: HubSpotSimPortal, lang: 'en' | 'fr' = 'en'): void {
  const w = WORDS[lang];
  const appName = pending.app.name ?? pending.app.clientId;
  const scopes = pending.granted.map((s) => html`<li><code>${s}</code></li>`);
  const withheld =
    pending.withheld.length === 0
      ? html``
      : html`<p>${w.withheld}</p>
<ul id="withheld-scopes">${pending.withheld.map((s) => html`<li><code>${s}</code></li>`)}</ul>`;
  sendPage(
    res,
    200,
    w.title,
    html`<p id="simulated" role="note">${w.simulated}</p>
<h1>${w.heading(appName)}</h1>
<p><strong id="app-name">${appName}</strong> (client ID <code id="client-id">${pending.app.clientId}</code>, app ID ${pending.app.appId})
${w.requesting} <strong id="hub-domain">${portal.domain}</strong> (Hub ID <span id="hub-id">${portal.hubId}</span>),
${w.signedIn} <span id="user">${portal.user}</span>.</p>
<p>${w.able}</p>
<ul id="scopes">${scopes}</ul>${withheld}
<form method="post" action="${DECISION_PATH}">
<input type="hidden" name="request_id" value="${pending.id}">
<button type="submit" name="decision" value="grant">${w.grant}</button>
<button type="submit" name="decision" value="cancel">${w.cancel}</button>
</form>`,
    lang,
  );
}
