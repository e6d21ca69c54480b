import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { ConnectSessions } from '../../partners/connect-session.js';
import { popupDonePolicy } from '../security/policies.js';
import type { Translate } from '../../i18n/translate.js';
import type { RenderView } from '../views.js';
import { embedScriptRoute } from './embed-script.js';
import { embedSessionRoute } from './embed-session-route.js';
import { widgetEndState } from './session-page-view.js';

export interface EmbedRouteDeps {
  config: Config;
  sessions: ConnectSessions;
  render: RenderView;
}

/** Popup mode: the SDK, the popup's last page and the SDK's session endpoints. */
export function embedRoute(deps: EmbedRouteDeps): Router {
  const router = Router();
  router.use(embedScriptRoute());

  router.use(embedSessionRoute(deps));

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
        end: widgetEndState(session, res.locals.t as Translate, false),
        origins: JSON.stringify(partner.embedOrigins),
      }),
    );
  });
  return router;
}
