import { Router } from 'express';
import { AppError } from '../../errors/app-error.js';
import { flowKey, type FlowRecord } from '../../flows/flow-record.js';
import type { KeyValueStore } from '../../store/key-value-store.js';
import { renderError } from '../render-error.js';
import { noStore } from '../security-headers.js';
import type { RenderView } from '../views.js';

export const resultPath = (flowId: string) => `/result/${encodeURIComponent(flowId)}`;

/**
 * GET /result/:flowId: the outcome of one attempt, for the browser that made it only (anyone else gets
 * 404). No-store, no-referrer (helmet) and nothing from third parties (RFC 9700 §4.2).
 */
export function resultRoute(store: KeyValueStore, render: RenderView): Router {
  const router = Router();
  router.get('/result/:flowId', noStore, async (req, res) => {
    const record = await store.get<FlowRecord>(flowKey(String(req.params.flowId)));
    if (!record || !req.session.browserId || record.browserId !== req.session.browserId) {
      throw new AppError('NOT_FOUND', 'no such flow for this browser');
    }
    if (record.status === 'failed') {
      const code = record.error?.code ?? 'INTERNAL';
      return renderError(req, res, render, new AppError(code, 'flow failed', { details: record.error?.details ?? {} }));
    }
    if (record.status === 'connected' && record.connection && record.hub) {
      if (req.accepts(['html', 'json']) === 'json') {
        return res.json({
          status: record.status,
          connectionId: record.connection.id,
          hub: { id: record.hub.hubId, domain: record.hub.domain },
          sandbox: record.target.sandbox,
          reconnected: record.reconnected ?? false,
        });
      }
      return res.type('html').send(render('result', { ...res.locals, pageTitle: res.locals.t('result.connectedTitle'), flow: record }));
    }
    return res.type('html').send(render('pending', { ...res.locals, pageTitle: res.locals.t('result.pendingTitle'), refreshSeconds: 2 }));
  });
  return router;
}
