import { Router } from 'express';
import type { Config } from '../../config/config.js';
import type { StartBudget } from '../../flows/start-budget.js';
import { startFlow } from '../../flows/start-flow.js';
import type { HubSpotOAuth } from '../../hubspot/oauth-client.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import { noStore } from '../security-headers.js';
import { ensureBrowserId, regenerateSession, saveSession } from '../session.js';
import { redirectTo } from '../redirect.js';

/**
 * GET /connect: starts one attempt and sends the browser (302) to HubSpot's authorize URL. A plain link
 * rather than a form POST, because CSP `form-action 'self'` also governs the redirect that follows a
 * form submission, and the attempt itself grants nothing until the user approves on HubSpot.
 */
export interface ConnectRouteDeps {
  config: Config;
  store: KeyValueStore;
  hubspot: HubSpotOAuth;
  now: () => number;
  /** Anonymous starts not yet back from HubSpot, per client IP and for the instance (STARTS_BUDGET_SPENT past it). */
  startBudget: StartBudget;
}

export function connectRoute({ config, store, hubspot, now, startBudget }: ConnectRouteDeps): Router {
  const router = Router();
  router.get('/connect', noStore, async (req, res) => {
    const ticket = startBudget.reserve(req.ip ?? '');
    try {
      // A new session id for every attempt, so that a session cookie planted by someone else does not
      // survive into the flow and let its planter read the result (OWASP Session Fixation).
      await regenerateSession(req);
      const browserId = ensureBrowserId(req);
      const { flowId, authorizeUrl } = await startFlow(
        {
          store,
          target: { org: config.adobe.imsOrg, sandbox: config.adobe.sandboxName },
          buildAuthorizeUrl: (params) => hubspot.authorizeUrl(params),
          now,
          dataflow: config.dataflow,
        },
        browserId,
      );
      ticket.bind(flowId);
      // The cookie must be stored before HubSpot sends the browser back to the callback.
      await saveSession(req);
      redirectTo(res, 302, authorizeUrl);
    } catch (err) {
      ticket.cancel();
      throw err;
    }
  });
  return router;
}
