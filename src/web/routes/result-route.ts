import { Router } from 'express';
import type { AppDepsResolved } from '../../app-deps.js';
import { AppError } from '../../errors/app-error.js';
import { awaitFinished, beginRun } from '../../flows/begin-run.js';
import { canRetry } from '../../flows/can-retry.js';
import { STEPS } from '../../flows/complete/index.js';
import { readFlow } from '../../flows/read-flow.js';
import { outcomeLocation } from '../outcome.js';
import { resultPath } from '../paths.js';
import { renderError } from '../render-error.js';
import { noStore } from '../security-headers.js';

/**
 * GET /result/:flowId: the outcome of one attempt, or its progress while it runs, for the browser that made it
 * only (anyone else gets 404). No-store, no-referrer (helmet) and nothing from third parties (RFC 9700 §4.2).
 * POST /result/:flowId/retry: runs a failed flow again from its failed step with the sealed tokens (no new consent).
 */
export function resultRoute(deps: AppDepsResolved): Router {
  const router = Router();
  router.get('/result/:flowId', noStore, async (req, res) => {
    const record = await readFlow(deps, String(req.params.flowId), req.session.browserId);
    const json = req.accepts(['html', 'json']) === 'json';
    // A partner's flow that finished while its progress page was showing goes where the outcome step says.
    if (!json && (record.status === 'failed' || record.status === 'connected')) {
      const location = await outcomeLocation(record, deps.connectSessions?.sessions);
      if (location !== resultPath(record.id)) return res.redirect(303, location);
    }
    if (record.status === 'failed') {
      const code = record.error?.code ?? 'INTERNAL';
      const retryPath = canRetry(record, deps.now()) ? `${resultPath(record.id)}/retry` : undefined;
      const error = new AppError(code, 'flow failed', { details: record.error?.details ?? {} });
      return renderError(req, res, deps.render, error, { flowId: record.id, ...(retryPath ? { retryPath } : {}) });
    }
    if (record.status === 'connected' && record.connection && record.hub) {
      if (json) {
        return res.json({
          status: record.status,
          connectionId: record.connection.id,
          hub: { id: record.hub.hubId, ...(record.hub.domain ? { domain: record.hub.domain } : {}) },
          sandbox: record.target.sandbox,
          reconnected: record.reconnected ?? false,
          verified: !record.verifyFailed,
        });
      }
      const pageTitle = res.locals.t('result.connectedTitle');
      return res.type('html').send(deps.render('result', { ...res.locals, pageTitle, flow: record }));
    }
    if (json) return res.json({ status: record.status, stepsDone: record.stepsDone ?? [], currentStep: record.currentStep ?? null });
    const steps = STEPS.map((s) => ({
      name: s.name,
      state: record.stepsDone?.includes(s.name) ? 'done' : record.currentStep === s.name ? 'current' : 'waiting',
    }));
    const pageTitle = res.locals.t('result.pendingTitle');
    return res.type('html').send(deps.render('pending', { ...res.locals, pageTitle, refreshSeconds: 2, steps, flowId: record.id }));
  });

  router.post('/result/:flowId/retry', noStore, async (req, res) => {
    const origin = req.get('origin');
    if (origin && origin !== new URL(deps.config.publicBaseUrl).origin) throw new AppError('NOT_FOUND', 'retry from another origin');
    const record = await readFlow(deps, String(req.params.flowId), req.session.browserId);
    if (!canRetry(record, deps.now())) return res.redirect(303, resultPath(record.id));
    await beginRun(deps, record);
    const finished = await awaitFinished(deps.store, record.id);
    return res.redirect(303, finished ? await outcomeLocation(finished, deps.connectSessions?.sessions) : resultPath(record.id));
  });
  return router;
}
