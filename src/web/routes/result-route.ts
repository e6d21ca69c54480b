import { Router, type Request } from 'express';
import type { AppDepsResolved } from '../../app-deps.js';
import { AppError } from '../../errors/app-error.js';
import { awaitFinished, beginRun, fastPathLeft, refreshSecondsFor } from '../../flows/begin-run.js';
import { canRetry } from '../../flows/can-retry.js';
import { STEPS } from '../../flows/complete/index.js';
import { refreshFirstRun } from '../../flows/dataflow/refresh-first-run.js';
import { startDataflowRun } from '../../flows/dataflow/start-dataflow-run.js';
import { dataflowView } from '../../flows/dataflow/dataflow-state.js';
import type { FlowRecord } from '../../flows/flow-record.js';
import { readFlow } from '../../flows/read-flow.js';
import { dataflowPanel } from '../dataflow-panel.js';
import { outcomeLocation } from '../outcome.js';
import { resultPath } from '../paths.js';
import { renderError } from '../render-error.js';
import { noStore } from '../security-headers.js';
import { refuseCrossSitePost } from '../security/same-origin-post.js';
import { redirectTo } from '../redirect.js';

/**
 * GET /result/:flowId: the outcome of one attempt, or its progress while it runs, for the browser that made it
 * only (anyone else gets 404). No-store, no-referrer (helmet) and nothing from third parties (RFC 9700 §4.2).
 * POST /result/:flowId/retry: runs a failed flow again from its failed step with the sealed tokens (no new consent).
 * POST /result/:flowId/dataflow: creates the offered dataflow, or finishes a failed one from its failed step.
 */
export function resultRoute(deps: AppDepsResolved): Router {
  const router = Router();
  router.get('/result/:flowId', noStore, async (req, res) => {
    const record = await refreshFirstRun(deps, await readFlow(deps, String(req.params.flowId), req.session.browserId));
    const json = req.accepts(['html', 'json']) === 'json';
    // A partner's flow that finished while its progress page was showing goes where the outcome step says.
    if (!json && (record.status === 'failed' || record.status === 'connected')) {
      const location = await outcomeLocation(record, deps.connectSessions?.sessions);
      if (location !== resultPath(record.id)) return redirectTo(res, 303, location);
    }
    if (record.status === 'failed') {
      const code = record.error?.code ?? 'INTERNAL';
      const retryPath = canRetry(record, deps.now()) ? `${resultPath(record.id)}/retry` : undefined;
      const error = new AppError(code, 'flow failed', { details: record.error?.details ?? {} });
      return renderError(req, res, deps.render, error, { flowId: record.id, ...(retryPath ? { retryPath } : {}) });
    }
    const dataflowRunning = record.status === 'connected' && record.dataflow?.status === 'running';
    if (record.status === 'connected' && record.connection && record.hub && !dataflowRunning) {
      if (json) {
        return res.json({
          status: record.status,
          connectionId: record.connection.id,
          hub: { id: record.hub.hubId, ...(record.hub.domain ? { domain: record.hub.domain } : {}) },
          sandbox: record.target.sandbox,
          reconnected: record.reconnected ?? false,
          verified: !record.verifyFailed,
          dataflow: dataflowView(record.dataflow),
        });
      }
      const pageTitle = res.locals.t('result.connectedTitle');
      const dataflow = dataflowPanel(record, res.locals.t);
      const dataflowPath = `${resultPath(record.id)}/dataflow`;
      return res.type('html').send(deps.render('result', { ...res.locals, pageTitle, flow: record, dataflow, dataflowPath }));
    }
    if (json) return res.json({ status: record.status, stepsDone: record.stepsDone ?? [], currentStep: record.currentStep ?? null });
    const steps = progressSteps(record).map((s) => ({
      name: s.name,
      state: record.stepsDone?.includes(s.name) ? 'done' : record.currentStep === s.name ? 'current' : 'waiting',
    }));
    const [title, lead] = dataflowRunning
      ? (['dataflow.pendingTitle', 'dataflow.pendingLead'] as const)
      : (['result.pendingTitle', 'result.pendingLead'] as const);
    const refreshSeconds = refreshSecondsFor(record, deps.now());
    const page = { pageTitle: res.locals.t(title), lead: res.locals.t(lead), refreshSeconds, steps, flowId: record.id, dataflowRunning };
    return res.type('html').send(deps.render('pending', { ...res.locals, ...page }));
  });

  router.post('/result/:flowId/dataflow', noStore, async (req, res) => {
    const record = await readFlow(deps, String(req.params.flowId), sameOriginBrowser(req, deps.config.publicBaseUrl));
    await startDataflowRun(deps, record);
    return redirectTo(res, 303, resultPath(record.id));
  });

  router.post('/result/:flowId/retry', noStore, async (req, res) => {
    const arrivedAt = Date.now();
    const record = await readFlow(deps, String(req.params.flowId), sameOriginBrowser(req, deps.config.publicBaseUrl));
    if (!canRetry(record, deps.now())) return redirectTo(res, 303, resultPath(record.id));
    await beginRun(deps, record);
    const finished = await awaitFinished(deps, record.id, fastPathLeft(arrivedAt));
    return redirectTo(res, 303, finished ? await outcomeLocation(finished, deps.connectSessions?.sessions) : resultPath(record.id));
  });
  return router;
}

/**
 * The POSTs that act on a flow (Retry, the dataflow's buttons) answer only a form from our own origin, in the browser
 * that made the flow (its session's browser id), so another site cannot make a visitor's browser press them. Our
 * pages send `Referrer-Policy: no-referrer`, under which a browser sends `Origin: null` on a form POST
 * (https://fetch.spec.whatwg.org/#origin-header), so the Fetch metadata header decides when the browser sends it
 * (https://www.w3.org/TR/fetch-metadata/#sec-fetch-site-header); the session cookie is SameSite=Lax besides.
 */
function sameOriginBrowser(req: Request, publicBaseUrl: string): string | undefined {
  refuseCrossSitePost(publicBaseUrl, req, 'flow action');
  return req.session.browserId;
}

/** The steps a progress page lists: the connection's, then the dataflow's that apply when they run now. */
function progressSteps(record: FlowRecord) {
  const dataflowNow = record.dataflow?.status === 'running' || record.dataflow?.settings.mode === 'auto';
  return STEPS.filter((step) => {
    if (step.part !== 'dataflow') return record.status === 'running';
    return dataflowNow && (step.applies?.(record) ?? true);
  });
}
