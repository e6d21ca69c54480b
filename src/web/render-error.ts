import type { Request, Response } from 'express';
import type { AppError } from '../errors/app-error.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { translator, type Translate } from '../i18n/translate.js';
import type { RenderView } from './views.js';

/**
 * Renders an AppError as a page (HTML) or `{error: {code, message, retry, remedy}}` (JSON); `retry` (kept for
 * clients written against it) is `remedy !== 'none'`. Only the catalog text
 * for the code and the error's safe `details` are shown; never the log message or an upstream body.
 */
export function renderError(
  req: Request,
  res: Response,
  render: RenderView,
  err: AppError,
  flow: { flowId?: string; retryPath?: string } = {},
): void {
  res.status(err.status);
  res.setHeader('Cache-Control', 'no-store');
  const params = Object.fromEntries(Object.entries(err.details).map(([k, v]) => [k, Array.isArray(v) ? v.join(' ') : String(v)]));
  const text = (t: Translate) => ({
    code: err.code,
    title: t(`error.${err.code}.title` as MessageKey, params),
    action: t(`error.${err.code}.action` as MessageKey, params),
    retry: err.remedy !== 'none',
    remedy: err.remedy,
  });
  if (req.accepts(['html', 'json']) === 'json') {
    const { code, title, retry, remedy } = text(translator('en'));
    res.json({ error: { code, message: title, retry, remedy, ...(flow.retryPath ? { retryPath: flow.retryPath } : {}) } });
    return;
  }
  const t = (res.locals.t as Translate | undefined) ?? translator('en');
  // Ids to quote to support: the request's (also in the X-Request-Id header and the logs) and, on a
  // flow's own pages, the flow's.
  const flowId = flow.flowId ?? (typeof req.params?.flowId === 'string' ? req.params.flowId : undefined);
  const error = { ...text(t), requestId: String(req.id ?? res.getHeader('X-Request-Id') ?? ''), flowId };
  res
    .type('html')
    .send(render('error', { ...res.locals, t, pageTitle: error.title, error, ...(flow.retryPath ? { retryPath: flow.retryPath } : {}) }));
}
