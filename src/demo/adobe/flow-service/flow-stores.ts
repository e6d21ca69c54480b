import { ScopedStore, type Scope } from '../platform/scoped-store.js';
import { ConnectionStore } from './connection-store.js';
import type { StoredFlow, StoredRun, StoredSourceConnection, StoredTargetConnection } from './types.js';

export type CreatedKind = 'connections' | 'sourceConnections' | 'targetConnections' | 'flows';

/** Everything the Flow Service simulator holds, and who uses what (for 1418). */
export class FlowServiceStores {
  readonly connections = new ConnectionStore();
  readonly sourceConnections = new ScopedStore<StoredSourceConnection>();
  readonly targetConnections = new ScopedStore<StoredTargetConnection>();
  readonly flows = new ScopedStore<StoredFlow>();
  readonly runs = new ScopedStore<StoredRun>();
  readonly creates: Record<CreatedKind, number> = { connections: 0, sourceConnections: 0, targetConnections: 0, flows: 0 };

  /** The flows of `scope` that read from or write to the resource `id` (a source, target or, through its sources, base connection). */
  flowsUsing(id: string, scope: Scope): StoredFlow[] {
    const sourcesOfBase = new Set(
      this.sourceConnections
        .inScope(scope)
        .filter((s) => s.baseConnectionId === id)
        .map((s) => s.id),
    );
    return this.flows
      .inScope(scope)
      .filter((f) => f.targetConnectionIds.includes(id) || f.sourceConnectionIds.some((s) => s === id || sourcesOfBase.has(s)));
  }

  /** The base connection a flow reads through, if its source connection and base connection still exist. */
  baseConnectionOf(flow: StoredFlow): ReturnType<ConnectionStore['get']> {
    const source =
      flow.sourceConnectionIds[0] === undefined ? undefined : this.sourceConnections.get(flow.sourceConnectionIds[0], scopeOf(flow));
    return source && this.connections.get(source.baseConnectionId, scopeOf(flow));
  }
}

export function scopeOf(resource: { imsOrgId: string; sandboxName: string }): Scope {
  return { orgId: resource.imsOrgId, sandboxName: resource.sandboxName };
}
