import express, { Router, type Response } from 'express';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import type { ConnectSession, ConnectSessions } from '../../partners/connect-session.js';
import { parseEmbedOptions } from '../../partners/embed-options.js';
import { embedStatusCors } from '../security/policies.js';

/** The session token travels in this header (or the attach body), never in a URL (URLs end up in logs and Referer). */
export const SESSION_TOKEN_HEADER = 'HubSpot-AEP-Session-Token';
export const EMBED_SESSION_PATH = '/embed/v1/session';

export interface EmbedSessionDeps {
  config: Config;
  sessions: ConnectSessions;
}

/** What embed.js learns of a session: its id and outcome, never the hub's details or the partner's state. */
export function embedStatusBody(session: ConnectSession) {
  return {
    session_id: session.id,
    status: session.status === 'started' ? 'pending' : session.status,
    has_return_url: session.returnUrl !== undefined,
    ...(session.connectionId ? { connection_id: session.connectionId, reconnected: session.reconnected ?? false } : {}),
    ...(session.errorCode ? { error_code: session.errorCode } : {}),
  };
}

/**
 * embed.js's two calls about a session.
 * - `POST` (attach): before the popup leaves about:blank or the widget's frame is created, the SDK sends
 *   the token with its options. The browser adds the page's `Origin`, which a page cannot forge; an origin
 *   outside the partner's embedOrigins is refused with ORIGIN_NOT_ALLOWED, and only an attached session
 *   may start a popup or widget flow, so nothing reaches HubSpot from an unregistered page. It is a CORS
 *   "simple" request (text/plain body, no custom header), so no preflight hides the refusal: every answer
 *   names the caller's origin so the SDK can read the error code, and only an allowed origin reads state.
 * - `GET` (status): the SDK confirms an outcome here before it calls onSuccess, and polls here when COOP or
 *   a mobile browser severed window.opener. The token is a header (so CORS needs a preflight), and only the
 *   session's partner's embedOrigins may read the answer.
 */
export function embedSessionRoute(deps: EmbedSessionDeps): Router {
  const router = Router();
  // A preflight carries no header values, so it can only be checked against every partner's origins;
  // the GET itself is then checked against the session's own partner.
  router.options(EMBED_SESSION_PATH, (req, res) => {
    const origins = deps.config.partners.flatMap((p) => p.embedOrigins);
    if (embedStatusCors(origins, req.get('origin'), res)) {
      res.setHeader('Access-Control-Allow-Methods', 'GET');
      res.setHeader('Access-Control-Allow-Headers', SESSION_TOKEN_HEADER);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  });

  router.get(EMBED_SESSION_PATH, async (req, res) => {
    const { session, partner } = await find(deps, req.get(SESSION_TOKEN_HEADER));
    if (!embedStatusCors(partner.embedOrigins, req.get('origin'), res)) throw new AppError('NOT_FOUND', 'origin not allowed');
    res.json(embedStatusBody(session));
  });

  router.post(EMBED_SESSION_PATH, express.text({ type: 'text/plain', limit: '4kb' }), async (req, res) => {
    const origin = req.get('origin');
    readableBy(origin, res);
    const body = parseAttachBody(req.body);
    const { session, partner } = await find(deps, body.token);
    if (!origin || !partner.embedOrigins.includes(origin))
      throw new AppError('ORIGIN_NOT_ALLOWED', 'embed.js called from an origin outside embedOrigins');
    if (session.status === 'expired') throw new AppError('SESSION_EXPIRED', 'connect session expired');
    if (session.status !== 'pending') throw new AppError('SESSION_USED', 'connect session already used');
    const options = parseEmbedOptions(body, partner.embedOrigins);
    const attached = await deps.sessions.update(session.id, {
      embedOrigin: origin,
      ...(options.appearance ? { appearance: options.appearance } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    res.json(embedStatusBody(attached ?? session));
  });
  return router;
}

async function find(deps: EmbedSessionDeps, token: unknown) {
  const session = typeof token === 'string' && token !== '' ? await deps.sessions.byToken(token) : undefined;
  const partner = deps.config.partners.find((p) => p.id === session?.partnerId);
  if (!session || !partner) throw new AppError('NOT_FOUND', 'no such connect session');
  return { session, partner };
}

/** Errors of the attach call are readable by any page: they carry a code and no session data. */
function readableBy(origin: string | undefined, res: Response): void {
  res.setHeader('Vary', 'Origin');
  res.setHeader('Cache-Control', 'no-store');
  if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
}

function parseAttachBody(raw: unknown): { token?: unknown; appearance?: unknown; locale?: unknown } {
  try {
    const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('INVALID_OPTIONS', 'embed attach body is not a JSON object');
}
