import type { Request, RequestHandler, Response } from 'express';
import type { ConnectionStore } from './connection-store.js';
import { toConnectionItem } from './connection-view.js';
import { sendConnectionNotFound, sendFlowError } from './flow-error.js';
import { callerOf } from './gateway.js';
import type { StoredConnection } from './types.js';

export type ConnectionHandler = (req: Request, res: Response, connection: StoredConnection) => void;

/** Resolves `:id` in the caller's org and sandbox; anything else is FLOW-1101-404 (docs/reference/adobe-flow-service.md §2.2). */
export function withConnection(store: ConnectionStore, handle: ConnectionHandler): RequestHandler {
  return (req: Request, res: Response) => {
    const id = String(req.params['id']);
    const connection = store.get(id, callerOf(res));
    if (!connection) return sendConnectionNotFound(req, res, id);
    handle(req, res, connection);
  };
}

/** `GET /connections/{id}`: wrapped in `items` even for one id, secrets masked (docs/reference/adobe-flow-service.md §2.2). */
export const getConnection: ConnectionHandler = (_req, res, connection) => {
  res.json({ items: [toConnectionItem(connection)] });
};

/**
 * Asks the source whether a connection's stored credentials still work. Adobe's HubSpot connector refreshes the stored
 * refresh token and reads with it, so this is HubSpot's opinion of the grant; without a checker they always work.
 */
export type CredentialCheck = (auth: StoredConnection['auth']) => boolean;

/**
 * `GET /connections/{id}/test` (APIS `testConnection`): 200 `{"result": true}` when the credentials work, `false` when
 * the source refuses them ("Returns `false` if the queried base connection is invalid").
 */
export function testConnection(check: CredentialCheck = () => true): ConnectionHandler {
  return (_req, res, connection) => {
    res.json({ result: check(connection.auth) });
  };
}

/**
 * `DELETE /connections/{id}`: 204 with no body, or 1418 while a dataflow uses the connection
 * (docs/reference/adobe-flow-service.md §2.5).
 */
export function deleteConnection(store: ConnectionStore): ConnectionHandler {
  return (req, res, connection) => {
    if (connection.usedByFlows) {
      return sendFlowError(
        req,
        res,
        '1418-400',
        `The base connection with the ID ${connection.id} cannot be deleted because the base connection is being used in one or more flows. Please ensure that corresponding flows are deleted before deleting a base connection.`,
      );
    }
    store.delete(connection.id);
    res.status(204).end();
  };
}
