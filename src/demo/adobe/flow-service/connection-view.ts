import { createHash } from 'node:crypto';
import { findAuthSpec, findConnectionSpec, secretParamNames } from './connection-spec.js';
import type { StoredConnection } from './types.js';

/**
 * [UNCONFIRMED] How GET masks secrets: the spec only says it returns "a partial view of the
 * credentials" (docs/reference/adobe-flow-service.md §2.2). The simulator replaces every `format: password` param with a fixed
 * mask that reveals neither value nor length, so a client cannot mistake it for the real secret.
 */
export const SECRET_MASK = '********';

/** A stable UUID-shaped sandbox id per org and sandbox name; items carry one (docs/reference/adobe-flow-service.md §2.2). */
function sandboxIdOf(orgId: string, sandboxName: string): string {
  const hex = createHash('sha256').update(`${orgId}/${sandboxName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function maskedParams(connection: StoredConnection): Record<string, unknown> {
  const spec = findConnectionSpec(connection.connectionSpec.id);
  const auth = spec && findAuthSpec(spec, connection.auth.specName);
  // Without a known auth spec nothing says which params are secret, so all of them are masked.
  const secrets = new Set(auth ? secretParamNames(auth) : Object.keys(connection.auth.params));
  return Object.fromEntries(Object.entries(connection.auth.params).map(([name, value]) => [name, secrets.has(name) ? SECRET_MASK : value]));
}

/**
 * A connection as `GET /connections[/{id}]` shows it: `ConnectionItemDTO` (docs/reference/adobe-flow-service.md §2.2) with
 * `version` equal to `etag`, and `createdBy`/`updatedBy` equal to the clients, as the spec says for
 * service tokens.
 */
export function toConnectionItem(connection: StoredConnection): Record<string, unknown> {
  return {
    id: connection.id,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    createdBy: connection.createdClient,
    updatedBy: connection.updatedClient,
    createdClient: connection.createdClient,
    updatedClient: connection.updatedClient,
    sandboxId: sandboxIdOf(connection.imsOrgId, connection.sandboxName),
    sandboxName: connection.sandboxName,
    imsOrgId: connection.imsOrgId,
    name: connection.name,
    ...(connection.description === undefined ? {} : { description: connection.description }),
    connectionSpec: { ...connection.connectionSpec },
    state: connection.state,
    auth: { specName: connection.auth.specName, params: maskedParams(connection) },
    version: connection.etag,
    etag: connection.etag,
  };
}
