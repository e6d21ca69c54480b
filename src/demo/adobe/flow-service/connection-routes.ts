import type { FilterFields } from './list-filter.js';
import type { ResourceHandler } from './resource-routes.js';
import type { StoredConnection } from './types.js';

export type ConnectionHandler = ResourceHandler<StoredConnection>;

/** Fields the sort-and-filter guide shows for connections (docs/reference/adobe-flow-service.md §2.3), as dotted paths. */
export const CONNECTION_FILTER_FIELDS: FilterFields<StoredConnection> = {
  id: (c) => c.id,
  name: (c) => c.name,
  description: (c) => c.description,
  state: (c) => c.state,
  'connectionSpec.id': (c) => c.connectionSpec.id,
  'auth.specName': (c) => c.auth.specName,
};

/**
 * `GET /connections/{id}/test` (APIS `testConnection`): `{result}` from the `connectionTest` hook, true by default
 * (the simulator's credentials work unless a test says otherwise).
 */
export function testConnectionRoute(connectionTest?: (connection: StoredConnection) => Promise<boolean>): ConnectionHandler {
  return (_req, res, connection) => {
    void (connectionTest ? connectionTest(connection) : Promise.resolve(true)).then(
      (result) => res.json({ result }),
      (error: unknown) => res.status(500).json({ error: String(error) }),
    );
  };
}
