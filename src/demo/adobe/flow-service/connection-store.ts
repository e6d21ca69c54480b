import type { StoredConnection } from './types.js';

/** The org and sandbox a request runs in; base connections are isolated by both (docs/reference/adobe-flow-service.md §4.5). */
export interface Scope {
  orgId: string;
  sandboxName: string;
}

/** In-memory base connections, in creation order. */
export class ConnectionStore {
  readonly #byId = new Map<string, StoredConnection>();

  /** Every connection of every org and sandbox: the live records, for tests. */
  all(): StoredConnection[] {
    return [...this.#byId.values()];
  }

  /** The connections visible in `scope`, in creation order. */
  inScope(scope: Scope): StoredConnection[] {
    return this.all().filter((c) => inScope(c, scope));
  }

  /** The connection, or undefined when unknown or in another org/sandbox (callers answer 404 alike). */
  get(id: string, scope: Scope): StoredConnection | undefined {
    const found = this.#byId.get(id);
    return found && inScope(found, scope) ? found : undefined;
  }

  add(connection: StoredConnection): void {
    this.#byId.set(connection.id, connection);
  }

  delete(id: string): void {
    this.#byId.delete(id);
  }
}

function inScope(connection: StoredConnection, scope: Scope): boolean {
  return connection.imsOrgId === scope.orgId && connection.sandboxName === scope.sandboxName;
}
