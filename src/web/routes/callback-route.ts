import { Router, type Request } from 'express';
import { awaitFinished, beginRun, fastPathLeft } from '../../flows/begin-run.js';
import { claimFlow } from '../../flows/claim-flow.js';
import { failFlow } from '../../flows/fail-flow.js';
import { SEALED_TOKENS_TTL_MS } from '../../flows/sealed-tokens.js';
import type { AppDepsResolved } from '../../app-deps.js';
import { outcomeLocation } from '../outcome.js';
import { noStore } from '../security-headers.js';
import { resultPath } from '../paths.js';
import { redirectTo } from '../redirect.js';

/**
 * The redirect URI. It claims the state, seals the code into the flow record and hands completion to a
 * job, then answers: 303 to the final page if the flow finished within a second of the callback (FAST_PATH_MS), else to the
 * progress page. The code leaves the address bar and history (docs/reference/peers-and-security.md §C.1 step 4);
 * errors before a claim (missing, forged or foreign state) are rendered here, since there is no flow to show.
 *
 * The session id is regenerated when a flow starts (/connect, a partner session's continue), not here: a cookie
 * planted before the start no longer names this browser's session (OWASP Session Fixation), and regenerating
 * again after the exchange would cut off other tabs' flows, which are bound to the same browser id.
 */
export function callbackRoute(deps: AppDepsResolved): Router {
  const router = Router();
  router.get(deps.config.hubspot.callbackPath, noStore, async (req, res) => {
    const arrivedAt = Date.now();
    // Express parses the query string again on every read of `req.query`: once here.
    const query = req.query;
    const claim = await claimFlow(deps.store, { state: one(query, 'state'), browserId: req.session.browserId }, deps.now(), deps.events);
    const record = claim.record;
    // Back from HubSpot: the start is no longer an anonymous one holding a slot of the start budget.
    deps.startBudget.release(record.id);
    const sessions = deps.connectSessions?.sessions;
    if (claim.kind === 'replayed') return redirectTo(res, 303, await outcomeLocation(record, sessions));

    // HubSpot's error redirect: error=access_denied when the user cancels ([UNCONFIRMED] in docs/reference/hubspot-oauth.md §1).
    const error = one(query, 'error');
    const code = one(query, 'code');
    if (error || !code) {
      const failed = await failFlow(
        deps.store,
        record,
        error ? (error === 'access_denied' ? 'CONSENT_DENIED' : 'HUBSPOT_AUTHORIZE_ERROR') : 'CODE_MISSING',
        deps.events,
      );
      return redirectTo(res, 303, await outcomeLocation(failed, sessions));
    }
    const sealed = { code: deps.sealer.seal(record.id, code), expiresAt: deps.now() + SEALED_TOKENS_TTL_MS };
    await beginRun(deps, { ...record, sealed });
    const finished = await awaitFinished(deps, record.id, fastPathLeft(arrivedAt));
    return redirectTo(res, 303, finished ? await outcomeLocation(finished, sessions) : resultPath(record.id));
  });
  return router;
}

function one(query: Request['query'], name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
