import { describe, expect, it } from 'vitest';
import type { AdobeResolver } from '../../src/adobe/adobe-directory.js';
import type { PlatformObjectKind } from '../../src/adobe/flow-service-client.js';
import { AppError } from '../../src/errors/app-error.js';
import { deleteConnection } from '../../src/partners/delete-connection.js';
import type { ConnectionRow } from '../../src/registry/connection-registry.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/** An Adobe that records each DELETE, and fails the kinds listed in `failing` once each. */
function recordingAdobe(failing: PlatformObjectKind[] = [], code: 'AEP_UNAVAILABLE' | 'AEP_UNAUTHORIZED' = 'AEP_UNAVAILABLE') {
  const calls: string[] = [];
  const tokens = { issued: 0, invalidated: 0 };
  const adobe = {
    forTarget: () => ({
      ims: { getToken: async () => `token-${++tokens.issued}`, invalidate: () => void (tokens.invalidated += 1) },
      flowService: {
        deleteObject: async (_token: string, kind: PlatformObjectKind, id: string) => {
          const i = failing.indexOf(kind);
          if (i >= 0) {
            failing.splice(i, 1);
            throw new AppError(code, `${kind} refused`);
          }
          calls.push(`${kind}/${id}`);
          return 'deleted' as const;
        },
      },
    }),
  } as unknown as AdobeResolver;
  return { adobe, calls, tokens };
}

async function registryWithDataflow() {
  const connections = new MemoryRegistry();
  await connections.upsert({ id: 'conn', org: 'ORG@AdobeOrg', sandbox: 'prod', hubId: 1, partnerId: 'acme', at: 1 });
  await connections.update('conn', {
    dataflow: {
      flowId: 'flow',
      sourceConnectionId: 'src',
      targetConnectionId: 'tgt',
      datasetId: 'ds',
      schemaId: 'https://ns.adobe.com/t/schemas/s',
      schemaAltId: '_t.schemas.s',
      descriptorId: 'desc',
      mappingSetId: 'map',
    },
    at: 2,
  });
  return connections;
}

/** Created schema, descriptor, dataset, source, target, mapping set, flow: deleted the other way round. */
const EVERY_DELETE_IN_ORDER = [
  'flows/flow',
  'targetConnections/tgt',
  'sourceConnections/src',
  'dataSets/ds',
  'descriptors/desc',
  'schemas/_t.schemas.s',
  'connections/conn',
];

describe('deleteConnection', () => {
  it('deletes the flow, then the target and source connections, dataset, descriptor and schema (the reverse of their creation; the schema by its altId), never the mapping set, then the connection', async () => {
    const connections = await registryWithDataflow();
    const { adobe, calls } = recordingAdobe();
    const announced: ConnectionRow[] = [];
    const deps = {
      connections,
      adobe,
      store: new MemoryStore(),
      now: () => 10,
      announce: async (row: ConnectionRow) => void announced.push(row),
    };
    const row = await deleteConnection(deps, 'conn');
    expect(calls).toEqual(EVERY_DELETE_IN_ORDER);
    expect(row).toMatchObject({ status: 'deleted', updatedAt: 10, dataflow: { mappingSetId: 'map' } });
    expect(announced).toEqual([row]);
    expect(await deleteConnection(deps, 'conn')).toEqual(row);
    expect(calls).toHaveLength(7);
    expect(announced).toHaveLength(1);
  });

  it('When Adobe fails halfway, then the row keeps what is left, and the next attempt resumes there', async () => {
    const connections = await registryWithDataflow();
    const { adobe, calls } = recordingAdobe(['dataSets']);
    const deps = { connections, adobe, store: new MemoryStore(), now: () => 10, announce: async () => {} };
    await expect(deleteConnection(deps, 'conn')).rejects.toMatchObject({ code: 'AEP_UNAVAILABLE' });
    const halfway = (await connections.get('conn'))!;
    expect(halfway.status).toBe('active');
    expect(halfway.dataflow).toEqual({
      datasetId: 'ds',
      schemaId: 'https://ns.adobe.com/t/schemas/s',
      schemaAltId: '_t.schemas.s',
      descriptorId: 'desc',
      mappingSetId: 'map',
    });
    await deleteConnection(deps, 'conn');
    expect(calls).toEqual(EVERY_DELETE_IN_ORDER);
  });

  it('answers undefined for an unknown connection and touches nothing at Adobe', async () => {
    const { adobe, calls } = recordingAdobe();
    const deps = { connections: new MemoryRegistry(), adobe, store: new MemoryStore(), now: () => 1, announce: async () => {} };
    expect(await deleteConnection(deps, 'nope')).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('When Adobe refuses the cached IMS token, then a fresh one is fetched and the deletion goes through', async () => {
    const connections = await registryWithDataflow();
    const { adobe, calls, tokens } = recordingAdobe(['flows'], 'AEP_UNAUTHORIZED');
    const deps = { connections, adobe, store: new MemoryStore(), now: () => 10, announce: async () => {} };
    expect(await deleteConnection(deps, 'conn')).toMatchObject({ status: 'deleted' });
    expect(tokens).toEqual({ issued: 2, invalidated: 1 });
    expect(calls).toEqual(EVERY_DELETE_IN_ORDER);
  });

  it('forgets what is kept beside the row once it is marked deleted, before announcing it, and only once', async () => {
    const connections = await registryWithDataflow();
    const { adobe } = recordingAdobe();
    const steps: string[] = [];
    const deps = {
      connections,
      adobe,
      store: new MemoryStore(),
      now: () => 10,
      forget: async (id: string) => void steps.push(`forget ${id} (row ${(await connections.get(id))?.status})`),
      announce: async (row: ConnectionRow) => void steps.push(`announce ${row.id}`),
    };
    await deleteConnection(deps, 'conn');
    await deleteConnection(deps, 'conn');
    expect(steps).toEqual(['forget conn (row deleted)', 'announce conn']);
  });
});
