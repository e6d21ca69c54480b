import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/config.js';
import { resolveSettings } from '../../flows/dataflow/dataflow-state.js';
import { AppError } from '../../errors/app-error.js';
import { startFlow } from '../../flows/start-flow.js';
import type { HubSpotOAuth } from '../../hubspot/oauth-client.js';
import type { Translate } from '../../i18n/translate.js';
import type { ConnectSession, ConnectSessions } from '../../partners/connect-session.js';
import type { Partner } from '../../config/partner.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import type { StartBudget } from '../../flows/start-budget.js';
import { describeScopes } from '../describe-scopes.js';
import { allowFormTo, sessionPagePolicy } from '../security/policies.js';
import { refuseCrossSitePost } from '../security/same-origin-post.js';
import { ensureBrowserId, regenerateSession, saveSession } from '../session.js';
import type { RenderView } from '../views.js';
import { sessionPagePath } from './partner-api/connect-sessions-route.js';
import { sessionPageLocals, widgetEndState } from './session-page-view.js';
import { redirectTo } from '../redirect.js';

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
    // Framed, the page only shows the facts; "Connect HubSpot" opens a new top-level window, since
    // HubSpot's consent page cannot be framed and a frame's cookies may be blocked as third-party.
    // That window sets our cookie first-party, so the callback's same-browser check works as usual.
    // Once the session has run, the frame shows its outcome instead (embed.js reloads it then).
    const framed = req.query.mode === 'iframe';
    const { session, partner } = framed ? await readable(deps, req) : await usable(deps, req);
    // A popup is opened by embed.js only after the page's origin was checked (see embed-session-route).
    if (popup(req) && !session.embedOrigin) throw new AppError('ORIGIN_NOT_ALLOWED', 'popup session page without an attached origin');
    const locals = sessionPageLocals(res, partner, session, { framed, popup: popup(req), langAsked: req.query.lang !== undefined });
    const t = res.locals.t as Translate;
    const common = { ...res.locals, ...locals, partnerName: partner.name, pageTitle: t('session.title', { partner: partner.name }) };
    if (framed && session.status !== 'pending' && session.status !== 'started') {
      res.type('html').send(deps.render('widget-end', { ...common, end: widgetEndState(session, t, req.query.retry === '1') }));
      return;
    }
    // The form's answer is a redirect to HubSpot: CSP form-action governs that hop too.
    allowFormTo(res, new URL(deps.config.hubspot.authorizeUrl).origin);
    res.type('html').send(
      deps.render('connect-session', {
        ...common,
        target: targetOf(deps.config, partner, session),
        scopes: describeScopes(deps.config.hubspot.scopes, t),
        waiting: session.status === 'started',
        continueAction: `${sessionPagePath(String(req.params.token))}/continue${popup(req) || framed ? '?mode=popup' : ''}`,
      }),
    );
  };
  router.get('/connect-sessions/:token', sessionPagePolicy, showPage);
  router.get('/connect-sessions/:token/continue', sessionPagePolicy, showPage);

  router.post('/connect-sessions/:token/continue', sessionPagePolicy, async (req, res) => {
    refuseCrossSitePost(deps.config.publicBaseUrl, req, 'connect session continued');
    const { session, partner } = await usable(deps, req);
    // Popup and widget flows start only for a page whose origin embed.js proved registered: nothing
    // reaches HubSpot from an unregistered page, whatever that page does with the token.
    if (popup(req) && !session.embedOrigin) throw new AppError('ORIGIN_NOT_ALLOWED', 'popup flow without an attached origin');
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
      redirectTo(res, 303, authorizeUrl);
    } catch (err) {
      ticket.cancel();
      throw err;
    }
  });
  return router;
}

/** embed.js opens the page with `?mode=popup`: the flow then ends on the popup's last page. */
const popup = (req: Request) => req.query.mode === 'popup';

/** The session and its partner, whatever its state (the widget shows finished ones). */
async function readable(deps: SessionPageDeps, req: Request): Promise<{ session: ConnectSession; partner: Partner }> {
  const session = await deps.sessions.byToken(String(req.params.token));
  const partner = deps.config.partners.find((p) => p.id === session?.partnerId);
  if (!session || !partner) throw new AppError('NOT_FOUND', 'no such connect session');
  return { session, partner };
}

/** A finished, used or expired session starts nothing. */
async function usable(deps: SessionPageDeps, req: Request): Promise<{ session: ConnectSession; partner: Partner }> {
  const { session, partner } = await readable(deps, req);
  if (session.status === 'expired') throw new AppError('SESSION_EXPIRED', 'connect session expired');
  if (session.status !== 'pending') throw new AppError('SESSION_USED', 'connect session already used');
  return { session, partner };
}

/** The partner's own AEP org when it brings one, else the deployment's; the session's sandbox. */
export function targetOf(config: Config, partner: Partner, session: ConnectSession) {
  return { org: partner.adobe?.imsOrg ?? config.adobe.imsOrg, sandbox: session.sandbox };
}
