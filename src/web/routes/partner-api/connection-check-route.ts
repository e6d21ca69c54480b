import { Router, type RequestHandler } from 'express';
import type { Config } from '../../../config/config.js';
import type { Partner } from '../../../config/partner.js';
import { AppError } from '../../../errors/app-error.js';
import type { HealthChecker } from '../../../health/health-checker.js';
import type { HealthState } from '../../../health/health-state.js';
import type { Logger } from '../../../logging/logger.js';
import type { ConnectionRegistry } from '../../../registry/connection-registry.js';
import { apiErrorHandler } from './api-body.js';
import { partnerApiGuards } from './authenticate.js';
import { connectionView } from './connection-view.js';

/** At most one check per connection per minute, counted from the last check's start. */
export const CHECK_WINDOW_MS = 60_000;

export interface ConnectionCheckRouteDeps {
  config: Config;
  logger: Logger;
  connections: ConnectionRegistry;
  health: { state: HealthState; checker: HealthChecker };
  rateLimit?: RequestHandler;
  /** Before authentication: a budget of refused API keys per client address. */
  authFailureLimit?: RequestHandler;
}

/**
 * `POST /api/v1/connections/{id}/check`: the connection's checks at once (its flow's last run, the connection test,
 * introspection when the refresh token is kept), whether or not HEALTH_WATCH is on. The answer is the connection as
 * GET shows it, 200 even when Adobe could not answer: the status is then unchanged and `last_error` says why.
 */
export function connectionCheckRoute(deps: ConnectionCheckRouteDeps): Router {
  const router = Router();
  const path = '/api/v1/connections/:id/check';
  router.post(path, ...partnerApiGuards(deps), async (req, res) => {
    const row = await deps.connections.get(String(req.params['id']));
    // Another partner's connection answers exactly like a missing one.
    if (!row || row.status === 'deleted' || row.partnerId !== (res.locals.partner as Partner).id) {
      throw new AppError('NOT_FOUND', 'no such connection');
    }
    const claim = await deps.health.state.claimCheck(row.id, CHECK_WINDOW_MS);
    if (!claim.ok) {
      res.setHeader('Retry-After', String(claim.retryAfterS));
      throw new AppError('CHECK_TOO_SOON', 'a check of this connection started less than a minute ago');
    }
    await deps.health.checker.check(row, { readRun: true, test: true, introspect: true });
    res.json(connectionView((await deps.connections.get(row.id)) ?? row));
  });
  router.use(path, apiErrorHandler(deps.logger));
  return router;
}
