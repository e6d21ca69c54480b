import { findAuthSpec, findConnectionSpec, secretParamNames } from './connection-spec.js';
import { metaView, versionView } from './resource-meta.js';
import type { StoredConnection } from './types.js';

/**
 * [UNCONFIRMED] How GET masks secrets: the spec only says it returns "a partial view of the
 * credentials" (docs/reference/adobe-flow-service.md §2.2). The simulator replaces every `format: password` param with a fixed
 * mask that reveals neither value nor length, so a client cannot mistake it for the real secret.
 */
export const SECRET_MASK = '********';

function maskedParams(connection: StoredConnection): Record<string, unknown> {
  const spec = findConnectionSpec(connection.connectionSpec.id);
  const auth = spec && findAuthSpec(spec, connection.auth.specName);
  // Without a known auth spec nothing says which params are secret, so all of them are masked.
  const secrets = new Set(auth ? secretParamNames(auth) : Object.keys(connection.auth.params));
  return Object.fromEntries(Object.entries(connection.auth.params).map(([name, value]) => [name, secrets.has(name) ? SECRET_MASK : value]));
}

/**
 * A connection as `GET /connections[/{id}]` shows it: `ConnectionItemDTO` (docs/reference/adobe-flow-service.md §2.2),
 * secrets masked.
 */
export function toConnectionItem(connection: StoredConnection): Record<string, unknown> {
  return {
    ...metaView(connection),
    name: connection.name,
    ...(connection.description === undefined ? {} : { description: connection.description }),
    connectionSpec: { ...connection.connectionSpec },
    state: connection.state,
    auth: { specName: connection.auth.specName, params: maskedParams(connection) },
    ...versionView(connection),
  };
}
