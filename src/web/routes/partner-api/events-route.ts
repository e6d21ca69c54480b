import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Config } from '../../../config/config.js';
import { AppError } from '../../../errors/app-error.js';
import type { EventLog, EventQuery } from '../../../events/event-log.js';
import type { Logger } from '../../../logging/logger.js';
import type { Partner } from '../../../config/partner.js';
import { WEBHOOK_EVENT_TYPES } from '../../../partners/webhook-event.js';
import { apiErrorHandler } from './api-body.js';
import { partnerApiGuards } from './authenticate.js';
import { invalidRequest } from './invalid-fields.js';
import { cursorParam, DEFAULT_LIMIT, limitParam } from './list-params.js';

export interface EventsRouteDeps {
  config: Config;
  logger: Logger;
  log: EventLog;
  redeliver(partnerId: string, eventId: string): Promise<void>;
  rateLimit?: RequestHandler;
  /** Before authentication: a budget of refused API keys per client address. */
  authFailureLimit?: RequestHandler;
}

const query = z.strictObject({ type: z.enum(WEBHOOK_EVENT_TYPES).optional(), starting_after: cursorParam, limit: limitParam });

/** The partner's events, newest first (Stripe's list shape and cursor), and redelivery of one of them. */
export function eventsRoute(deps: EventsRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/events', ...partnerApiGuards(deps));

  router.get('/api/v1/events', async (req, res) => {
    const partner = res.locals.partner as Partner;
    const q = parseQuery(req.query);
    const page = await deps.log.list(partner.id, q);
    if (!page)
      throw new AppError('REQUEST_INVALID', 'starting_after names no event of this partner', { details: { fields: ['starting_after'] } });
    res.json({ data: page.data, has_more: page.hasMore });
  });

  router.post('/api/v1/events/:id/redeliver', async (req, res) => {
    const id = String(req.params.id);
    await deps.redeliver((res.locals.partner as Partner).id, id);
    res.status(202).json({ id });
  });

  router.use('/api/v1/events', (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such partner API route')));
  router.use('/api/v1/events', apiErrorHandler(deps.logger));
  return router;
}

function parseQuery(input: unknown): EventQuery {
  const parsed = query.safeParse(input);
  if (!parsed.success) throw invalidRequest(parsed.error, 'events query', 'query');
  const { type, starting_after: startingAfter, limit } = parsed.data;
  return { limit: limit ?? DEFAULT_LIMIT, ...(type ? { type } : {}), ...(startingAfter ? { startingAfter } : {}) };
}
