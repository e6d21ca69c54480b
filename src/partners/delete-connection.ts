import type { AdobeResolver } from '../adobe/adobe-directory.js';
import type { PlatformObjectKind } from '../adobe/flow-service-client.js';
import { dataflowRecordKey } from '../flows/dataflow/dataflow-record.js';
import { withFreshTokenOnRejection } from '../flows/upsert-connection.js';
import type { ConnectionRegistry, ConnectionRow, DataflowIds } from '../registry/connection-registry.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { withLock } from '../store/with-lock.js';

export interface DeleteConnectionDeps {
  connections: ConnectionRegistry;
  adobe: AdobeResolver;
  store: KeyValueStore;
  now: () => number;
  /** Sends `connection.deleted` to the row's partner, once. */
  announce(row: ConnectionRow): Promise<void>;
  /** Drops what is kept beside the row: the health watch's memory of it and a retained HubSpot refresh token. */
  forget?(connectionId: string): Promise<void>;
}

/**
 * The dataflow objects this service made for a connection, in reverse order of their creation (schema, descriptor,
 * dataset, source connection, target connection, mapping set, flow: src/flows/complete/index.ts): Adobe refuses to
 * delete an object another still uses (a connection a flow uses is FLOW-1418-400; a schema a dataset uses,
 * docs/reference/adobe-dataflow.md §4). Mapping sets have no DELETE and stay. A schema is named by its `meta:altId`
 * when known, else by its `$id`; both ids are cleared once it is gone.
 */
const DATAFLOW_DELETIONS: readonly { keys: readonly (keyof DataflowIds)[]; kind: PlatformObjectKind }[] = [
  { keys: ['flowId'], kind: 'flows' },
  { keys: ['targetConnectionId'], kind: 'targetConnections' },
  { keys: ['sourceConnectionId'], kind: 'sourceConnections' },
  { keys: ['datasetId'], kind: 'dataSets' },
  { keys: ['descriptorId'], kind: 'descriptors' },
  { keys: ['schemaAltId', 'schemaId'], kind: 'schemas' },
];

/** Long enough for the DELETE calls with their deadlines; a crashed holder frees it by TTL. */
const DELETE_LOCK = { ttlMs: 15_000, waitMs: 30_000 };

/**
 * Deletes a connection at Adobe, then marks its row `deleted`, forgets what was kept beside it (a grant we no longer
 * have any use for must not outlive the connection) and announces it, once: under a per-connection lock,
 * so two DELETE requests (on two instances) send one webhook and the second answers the row the first left. Each
 * dataflow id is cleared from the row as soon as its object is gone, so an attempt that failed halfway resumes
 * where it stopped. A 404 from Adobe is "already gone".
 */
export async function deleteConnection(deps: DeleteConnectionDeps, id: string): Promise<ConnectionRow | undefined> {
  return withLock(deps.store, `lock:connection-delete:${id}`, DELETE_LOCK, async () => {
    let row = await deps.connections.get(id);
    if (!row || row.status === 'deleted') return row;
    const { ims, flowService } = deps.adobe.forTarget({ org: row.org, sandbox: row.sandbox });
    // Every DELETE may be sent again (404 is "gone"), so a revoked cached token is replaced and the whole run repeated.
    await withFreshTokenOnRejection(ims, async (token) => {
      for (const { keys, kind } of DATAFLOW_DELETIONS) {
        const objectId = keys.map((key) => row!.dataflow[key]).find(Boolean);
        if (!objectId) continue;
        await flowService.deleteObject(token, kind, objectId);
        const cleared = Object.fromEntries(keys.map((key) => [key, null]));
        row = (await deps.connections.update(id, { dataflow: cleared, at: deps.now() })) ?? row;
      }
      await flowService.deleteObject(token, 'connections', id);
    });
    // The portal's dataflow is gone too: a later connection of the same portal must offer a new one, not show this one.
    await deps.store.delete(dataflowRecordKey({ org: row.org, sandbox: row.sandbox }, row.hubId));
    const deleted = (await deps.connections.update(id, { status: 'deleted', lastError: null, at: deps.now() }))!;
    // After the row is final, so a health check still running cannot write its memory back (Incidents.apply).
    await deps.forget?.(id);
    await deps.announce(deleted);
    return deleted;
  });
}
