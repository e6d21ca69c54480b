import { Router, type Request } from 'express';
import type { Config } from '../../config/config.js';
import { toAppError } from '../../errors/app-error.js';
import { claimFlow } from '../../flows/claim-flow.js';
import { completeFlow, type CompleteFlowDeps } from '../../flows/complete-flow.js';
import { failFlow } from '../../flows/fail-flow.js';
import type { FlowEventSink } from '../../flows/flow-events.js';
import { flowKey, type FlowRecord } from '../../flows/flow-record.js';
import { flowEventOfRecord } from '../../partners/flow-event-of-record.js';
import type { ConnectSessions } from '../../partners/connect-session.js';
import { outcomeLocation } from '../outcome.js';
import { summarizeError, type Logger } from '../../logging/logger.js';
import { noStore } from '../security-headers.js';

/**
 * The redirect URI. Once the state is claimed, every outcome ends with 303 to the result page, so the
 * code leaves the address bar and history (docs/reference/peers-and-security.md §C.1 step 4); errors before a claim
 * (missing, forged or foreign state) are rendered here, since there is no flow to show.
 *
 * The session is not regenerated after the exchange (docs/reference/model-codebases.md §2.9 does so after a *login*):
 * here nobody logs in, the session grants no privilege, and it only carries the browser's binding id,
 * which other tabs' pending flows still need.
 */
export function callbackRoute(
  config: Config,
  deps: CompleteFlowDeps & { events?: FlowEventSink; sessions?: ConnectSessions },
  logger: Logger,
  now: () => number,
): Router {
  const router = Router();
  router.get(config.hubspot.callbackPath, noStore, async (req, res) => {
    const claim = await claimFlow(deps.store, { state: one(req, 'state'), browserId: req.session.browserId }, now());
    const record = claim.record;
    if (claim.kind === 'replayed') return res.redirect(303, await outcomeLocation(record, deps.sessions));

    // HubSpot's error redirect: error=access_denied when the user cancels ([UNCONFIRMED] in docs/reference/hubspot-oauth.md §1).
    const error = one(req, 'error');
    const code = one(req, 'code');
    if (error) {
      await failFlow(deps.store, record, error === 'access_denied' ? 'CONSENT_DENIED' : 'HUBSPOT_AUTHORIZE_ERROR');
    } else if (!code) {
      await failFlow(deps.store, record, 'CODE_MISSING');
    } else {
      try {
        await completeFlow(deps, record, code);
      } catch (err) {
        const appError = toAppError(err);
        logger[appError.status >= 500 ? 'error' : 'warn'](
          { flowId: record.id, errorCode: appError.code, err: summarizeError(appError) },
          'flow failed',
        );
      }
    }
    // Minimal hook until completion emits events itself: one event per finished flow, then the outcome step.
    const finished = (await deps.store.get<FlowRecord>(flowKey(record.id))) ?? record;
    const event = flowEventOfRecord(finished, now());
    if (event) {
      await deps.events
        ?.emit(event)
        .catch((err: unknown) => logger.error({ flowId: record.id, err: summarizeError(err) }, 'flow event not recorded'));
    }
    return res.redirect(303, await outcomeLocation(finished, deps.sessions));
  });
  return router;
}

function one(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
