import type { Request, Response } from 'express';
import { rawBodyOf } from '../kit/request-log.js';
import { html, sendErrorPage, sendPage } from './html-page.js';
import { newHubletId } from './ids.js';
import { collectParams, isFormEncoded } from './params.js';
import { appendQuery } from './redirect-uri.js';
import type { PendingAuthorization, SimState } from './state.js';

/** `POST /oauth/authorize/decision`: the consent form's Grant or Cancel. */
export function handleDecision(state: SimState) {
  return (req: Request, res: Response): void => {
    const collected = isFormEncoded(req) ? collectParams(new URLSearchParams(rawBodyOf(req))) : undefined;
    if (!collected?.ok) return sendErrorPage(res, 'Authorization failed because the request was malformed.');
    const decision = collected.params.get('decision');
    if (decision !== 'grant' && decision !== 'cancel') {
      return sendErrorPage(res, 'Authorization failed because no decision was made.');
    }
    const pending = state.pending.get(collected.params.get('request_id') ?? '');
    if (!pending) {
      return sendErrorPage(res, 'This authorization request is no longer valid. Please start the install again.');
    }
    state.pending.delete(pending.id); // one decision per consent screen
    // The account picked on the consent screen (HubSpot asks users with several accounts to choose one).
    const hubId = collected.params.get('hub_id');
    if (hubId !== undefined && !/^[1-9]\d{0,9}$/.test(hubId))
      return sendErrorPage(res, 'Authorization failed because no account was chosen.');
    if (decision === 'grant') return grant(state, pending, res, hubId === undefined ? undefined : Number(hubId));
    return cancel(state, pending, res);
  };
}

/** "https://example.com/?code=xxxx", plus "&state=<value>" when a state was sent (docs/reference/hubspot-oauth.md §1). */
function grant(state: SimState, pending: PendingAuthorization, res: Response, hubId: number | undefined): void {
  const code = newHubletId();
  state.codes.set(code, {
    code,
    clientId: pending.app.clientId,
    redirectUri: pending.redirectUri,
    scopes: pending.granted,
    codeChallenge: pending.codeChallenge,
    expiresAtMs: Date.now() + state.codeTtlMs,
    used: false,
    ...(hubId !== undefined ? { hubId } : {}),
  });
  state.counters.codesIssued += 1;
  const params: Array<[string, string]> = [['code', code]];
  if (pending.state !== undefined) params.push(['state', pending.state]);
  redirect(res, appendQuery(pending.redirectUri, params));
}

/**
 * The docs disagree on denial (docs/reference/hubspot-oauth.md §1: an `error` redirect vs "no request will be sent"),
 * and `access_denied` itself is [UNCONFIRMED]; `denyMode` lets tests exercise both.
 */
function cancel(state: SimState, pending: PendingAuthorization, res: Response): void {
  if (state.denyMode === 'none') {
    return sendPage(
      res,
      200,
      'App not connected',
      html`<h1>App not connected</h1>
<p id="cancelled">You cancelled the connection. You can close this window.</p>`,
    );
  }
  const params: Array<[string, string]> = [
    ['error', 'access_denied'],
    ['error_description', 'The user denied access to the app.'],
  ];
  if (pending.state !== undefined) params.push(['state', pending.state]);
  redirect(res, appendQuery(pending.redirectUri, params));
}

function redirect(res: Response, location: string): void {
  res.status(302).setHeader('Location', location).setHeader('Cache-Control', 'no-store').end();
}
