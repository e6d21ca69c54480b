import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/config.js';
import { resolveSettings } from '../../flows/dataflow/dataflow-state.js';
import { AppError } from '../../errors/app-error.js';
import { startFlow } from '../../flows/start-flow.js';
import type { HubSpotOAuth } from '../../hubspot/oauth-client.js';
import { translator } from '../../i18n/translate.js';
import type { ConnectSession, ConnectSessions } from '../../partners/connect-session.js';
import type { Partner } from '../../config/partner.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import type { StartBudget } from '../../flows/start-budget.js';
import { allowFormTo, allowFramingBy, sessionPagePolicy } from '../security/policies.js';
import { refuseCrossSitePost } from '../security/same-origin-post.js';
import { ensureBrowserId, regenerateSession, saveSession } from '../session.js';
import type { RenderView } from '../views.js';
import { sessionPagePath } from './partner-api/connect-sessions-route.js';

export interface SessionPageDeps {
  config: Config;
  store: KeyValueStore;
  hubspot: HubSpotOAuth;
  sessions: ConnectSessions;
  render: RenderView;
  now: () => number;
  startBudget: StartBudget;
}

/**
 * The connect session's `url`. GET shows who asks and where the connection will go (partner, AEP org,
 * sandbox) before anything happens: the defence against a forwarded link (docs/reference/peers-and-security.md).
 * Showing the page changes nothing — GET and HEAD of `…/continue` too only show it — so links, link previews
 * and prefetchers cannot use the session up. Only the page's own "Connect HubSpot" form, a same-origin POST,
 * claims it, once, and starts the flow bound to this browser.
 */
export function sessionPageRoute(deps: SessionPageDeps): Router {
  const router = Router();
  const showPage = async (req: Request, res: Response) => {
    const { session, partner } = await usable(deps, req);
    // Framed, the page only shows the facts; "Connect HubSpot" opens a new top-level window, since
    // HubSpot's consent page cannot be framed and a frame's cookies may be blocked as third-party.
    // That window sets our cookie first-party, so the callback's same-browser check works as usual.
    const framed = req.query.mode === 'iframe';
    // The partner knows its user's language; an explicit ?lang= choice on this page still wins.
    if (session.locale && req.query.lang === undefined && (session.locale === 'en' || session.locale === 'fr')) {
      res.locals.locale = session.locale;
      res.locals.t = translator(session.locale);
    }
    if (framed) allowFramingBy(res, partner.embedOrigins);
    // The form's answer is a redirect to HubSpot: CSP form-action governs that hop too.
    allowFormTo(res, new URL(deps.config.hubspot.authorizeUrl).origin);
    res.type('html').send(
      deps.render('connect-session', {
        ...res.locals,
        pageTitle: res.locals.t('session.title', { partner: partner.name }),
        partnerName: partner.name,
        target: targetOf(deps.config, partner, session),
        scopes: deps.config.hubspot.scopes,
        continueAction: `${sessionPagePath(String(req.params.token))}/continue${popup(req) || framed ? '?mode=popup' : ''}`,
        framed,
      }),
    );
  };
  router.get('/connect-sessions/:token', sessionPagePolicy, showPage);
  router.get('/connect-sessions/:token/continue', sessionPagePolicy, showPage);

  router.post('/connect-sessions/:token/continue', sessionPagePolicy, async (req, res) => {
    refuseCrossSitePost(deps.config.publicBaseUrl, req, 'connect session continued');
    const { session, partner } = await usable(deps, req);
    const ticket = deps.startBudget.reserve(req.ip ?? '');
    try {
      if (!(await deps.sessions.claim(session))) throw new AppError('SESSION_USED', 'connect session already claimed');
      // As on /connect: a new session id, so a cookie planted by someone else does not survive into the flow.
      await regenerateSession(req);
      const { flowId, authorizeUrl } = await startFlow(
        {
          store: deps.store,
          target: targetOf(deps.config, partner, session),
          origin: {
            kind: 'connect-session',
            partnerId: partner.id,
            sessionId: session.id,
            ...(session.reconnect ? { reconnect: session.reconnect } : {}),
          },
          buildAuthorizeUrl: (params) => deps.hubspot.authorizeUrl(params),
          now: deps.now,
          dataflow: resolveSettings(deps.config.dataflow, partner.dataflow, session.dataflowMode),
        },
        ensureBrowserId(req),
      );
      ticket.bind(flowId);
      await deps.sessions.update(session.id, { status: 'started', flowId, mode: popup(req) ? 'popup' : 'redirect' });
      await saveSession(req);
      res.redirect(303, authorizeUrl);
    } catch (err) {
      ticket.cancel();
      throw err;
    }
  });
  return router;
}

/** embed.js opens the page with `?mode=popup`: the flow then ends on the popup's last page. */
const popup = (req: Request) => req.query.mode === 'popup';

/** A finished, used or expired session starts nothing. */
async function usable(deps: SessionPageDeps, req: Request): Promise<{ session: ConnectSession; partner: Partner }> {
  const session = await deps.sessions.byToken(String(req.params.token));
  const partner = deps.config.partners.find((p) => p.id === session?.partnerId);
  if (!session || !partner) throw new AppError('NOT_FOUND', 'no such connect session');
  if (session.status === 'expired') throw new AppError('SESSION_EXPIRED', 'connect session expired');
  if (session.status !== 'pending') throw new AppError('SESSION_USED', 'connect session already used');
  return { session, partner };
}

/** The partner's own AEP org when it brings one, else the deployment's; the session's sandbox. */
export function targetOf(config: Config, partner: Partner, session: ConnectSession) {
  return { org: partner.adobe?.imsOrg ?? config.adobe.imsOrg, sandbox: session.sandbox };
}
