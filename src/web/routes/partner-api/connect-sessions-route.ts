import { Router, type RequestHandler } from 'express';
import type { Config } from '../../../config/config.js';
import { AppError } from '../../../errors/app-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { ConnectSession, ConnectSessions } from '../../../partners/connect-session.js';
import type { Partner } from '../../../config/partner.js';
import { apiPolicy } from '../../security/policies.js';
import { apiErrorHandler, jsonBody } from './api-body.js';
import { authenticatePartner } from './authenticate.js';
import { partnerOpenApi } from './openapi-document.js';
import { parseSessionRequest } from './session-request.js';

export interface ConnectSessionsRouteDeps {
  config: Config;
  logger: Logger;
  sessions: ConnectSessions;
  /** Called once per new session (schedules its `session.expired` check). */
  onCreated(session: ConnectSession): Promise<void>;
  /** Mount point for a rate limiter; runs after authentication, so limits can be per partner. */
  rateLimit?: RequestHandler;
}

export const sessionPagePath = (token: string) => `/connect-sessions/${token}`;

/** The partner API: create a connect session, read one of your own. */
export function connectSessionsRoute(deps: ConnectSessionsRouteDeps): Router {
  const router = Router();
  // Public: the API's description is no secret, and partners' tooling fetches it without a key.
  router.get('/api/v1/openapi.json', apiPolicy, (_req, res) => {
    res.json(partnerOpenApi(deps.config.publicBaseUrl));
  });
  const limit: RequestHandler = deps.rateLimit ?? ((_req, _res, next) => next());
  router.use('/api/v1/connect-sessions', apiPolicy, authenticatePartner(deps.config.partners), limit);

  router.post('/api/v1/connect-sessions', jsonBody(), async (req, res) => {
    const partner = res.locals.partner as Partner;
    const fields = parseSessionRequest(req.body, partner, deps.config);
    const { session, token } = await deps.sessions.create(fields);
    await deps.onCreated(session);
    res.status(201).json({
      id: session.id,
      token,
      url: `${deps.config.publicBaseUrl}${sessionPagePath(token)}`,
      expires_at: new Date(session.expiresAt).toISOString(),
    });
  });

  router.get('/api/v1/connect-sessions/:id', async (req, res) => {
    const session = await deps.sessions.get(String(req.params.id));
    // Another partner's session answers exactly like a missing one: ids reveal nothing across partners.
    if (!session || session.partnerId !== (res.locals.partner as Partner).id) throw new AppError('NOT_FOUND', 'no such session');
    res.json(sessionView(session));
  });

  router.use('/api/v1/connect-sessions', (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such partner API route')));
  router.use('/api/v1', apiErrorHandler(deps.logger));
  return router;
}

/** What a partner may read about its session. No token, hash or credential. */
export function sessionView(s: ConnectSession) {
  return {
    id: s.id,
    status: s.status === 'started' ? 'pending' : s.status,
    sandbox: s.sandbox,
    ...(s.partnerUserId !== undefined ? { partner_user_id: s.partnerUserId } : {}),
    ...(s.connectionId !== undefined ? { connection_id: s.connectionId } : {}),
    ...(s.reconnected !== undefined && s.status === 'completed' ? { reconnected: s.reconnected } : {}),
    ...(s.hubId !== undefined ? { hub_id: s.hubId } : {}),
    ...(s.hubDomain !== undefined ? { hub_domain: s.hubDomain } : {}),
    ...(s.errorCode !== undefined ? { error_code: s.errorCode } : {}),
  };
}
