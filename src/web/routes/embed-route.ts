import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Router } from 'express';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { ConnectSessions } from '../../partners/connect-session.js';
import { embedScriptPolicy, embedStatusCors, popupDonePolicy } from '../security/policies.js';
import { findProjectRoot, type RenderView } from '../views.js';

/** The session token travels in this header, never in a URL (URLs end up in logs and Referer). */
export const SESSION_TOKEN_HEADER = 'HubSpot-AEP-Session-Token';

export interface EmbedRouteDeps {
  config: Config;
  sessions: ConnectSessions;
  render: RenderView;
}

/** Popup mode: the SDK, the popup's last page and the SDK's status endpoint. */
export function embedRoute(deps: EmbedRouteDeps): Router {
  const router = Router();
  const script = join(findProjectRoot(), 'public', 'embed.js');
  router.get('/embed.js', embedScriptPolicy, (_req, res) => res.type('text/javascript').sendFile(script));

  // The SDK confirms an outcome here before it calls onSuccess, and polls here when COOP or a mobile
  // browser severed window.opener. The token is sent as a header (so CORS needs a preflight), and
  // only the session's partner's embedOrigins may read the answer.
  // A preflight carries no header values, so it can only be checked against every partner's origins;
  // the GET itself is then checked against the session's own partner.
  router.options('/embed/v1/session', (req, res) => {
    if (
      embedStatusCors(
        deps.config.partners.flatMap((p) => p.embedOrigins),
        req.get('origin'),
        res,
      )
    ) {
      res.setHeader('Access-Control-Allow-Methods', 'GET');
      res.setHeader('Access-Control-Allow-Headers', SESSION_TOKEN_HEADER);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  });

  router.get('/embed/v1/session', async (req, res) => {
    const token = req.get(SESSION_TOKEN_HEADER);
    const session = token ? await deps.sessions.byToken(token) : undefined;
    const partner = deps.config.partners.find((p) => p.id === session?.partnerId);
    if (!session || !partner) throw new AppError('NOT_FOUND', 'no such connect session');
    if (!embedStatusCors(partner.embedOrigins, req.get('origin'), res)) throw new AppError('NOT_FOUND', 'origin not allowed');
    res.json({
      session_id: session.id,
      status: session.status === 'started' ? 'pending' : session.status,
      has_return_url: session.returnUrl !== undefined,
      ...(session.connectionId ? { connection_id: session.connectionId, reconnected: session.reconnected ?? false } : {}),
      ...(session.errorCode ? { error_code: session.errorCode } : {}),
    });
  });

  router.get('/embed/v1/done/:sessionId', async (req, res) => {
    const session = await deps.sessions.get(String(req.params.sessionId));
    const partner = deps.config.partners.find((p) => p.id === session?.partnerId);
    if (!session || !partner || session.mode !== 'popup') throw new AppError('NOT_FOUND', 'no such popup session');
    const nonce = randomBytes(16).toString('base64');
    popupDonePolicy(nonce)(req, res, () => undefined);
    res.type('html').send(
      deps.render('popup-done', {
        ...res.locals,
        pageTitle: res.locals.t('popup.doneTitle'),
        nonce,
        sessionId: session.id,
        status: session.status === 'completed' ? 'completed' : 'failed',
        origins: JSON.stringify(partner.embedOrigins),
      }),
    );
  });
  return router;
}
