import { Router, type RequestHandler } from 'express';
import type { AdobeResolver } from '../../../adobe/adobe-directory.js';
import type { Config } from '../../../config/config.js';
import type { Partner } from '../../../config/partner.js';
import { AppError } from '../../../errors/app-error.js';
import type { Logger } from '../../../logging/logger.js';
import { deleteConnection } from '../../../partners/delete-connection.js';
import type { ConnectionRegistry, ConnectionRow } from '../../../registry/connection-registry.js';
import type { KeyValueStore } from '../../../store/key-value-store.js';
import { apiErrorHandler } from './api-body.js';
import { partnerApiGuards } from './authenticate.js';
import { parseConnectionListQuery } from './connection-list-query.js';
import { connectionView } from './connection-view.js';

export interface ConnectionsRouteDeps {
  config: Config;
  logger: Logger;
  connections: ConnectionRegistry;
  adobe: AdobeResolver;
  store: KeyValueStore;
  now: () => number;
  /** Sends `connection.deleted` to the partner. */
  announceDeleted(row: ConnectionRow): Promise<void>;
  /** Drops what is kept beside the row (the health watch's memory, a retained refresh token). */
  forgetDeleted?(connectionId: string): Promise<void>;
  rateLimit?: RequestHandler;
  /** Before authentication: a budget of refused API keys per client address. */
  authFailureLimit?: RequestHandler;
}

/** The connections API: a partner lists, reads and deletes the connections its connect sessions made. */
export function connectionsRoute(deps: ConnectionsRouteDeps): Router {
  const router = Router();
  router.use('/api/v1/connections', ...partnerApiGuards(deps));

  router.get('/api/v1/connections', async (req, res) => {
    const query = parseConnectionListQuery(req.query as Record<string, unknown>, (res.locals.partner as Partner).id);
    const page = await deps.connections.list(query);
    if (!page) throw new AppError('REQUEST_INVALID', 'unknown starting_after', { details: { fields: ['starting_after'] } });
    res.json({ data: page.rows.map(connectionView), has_more: page.hasMore });
  });

  // Another partner's connection answers exactly like a missing one: ids reveal nothing across partners.
  const ownRow = async (id: string, partner: Partner): Promise<ConnectionRow> => {
    const row = await deps.connections.get(id);
    if (!row || row.partnerId !== partner.id) throw new AppError('NOT_FOUND', 'no such connection');
    return row;
  };

  router.get('/api/v1/connections/:id', async (req, res) => {
    res.json(connectionView(await ownRow(String(req.params.id), res.locals.partner as Partner)));
  });

  router.delete('/api/v1/connections/:id', async (req, res) => {
    const row = await ownRow(String(req.params.id), res.locals.partner as Partner);
    const forget = deps.forgetDeleted ? { forget: deps.forgetDeleted } : {};
    const deleted = await deleteConnection({ ...deps, announce: deps.announceDeleted, ...forget }, row.id);
    res.json(connectionView(deleted ?? row));
  });

  router.use('/api/v1/connections', (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such partner API route')));
  router.use('/api/v1/connections', apiErrorHandler(deps.logger));
  return router;
}
