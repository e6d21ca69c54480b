/** The org and sandbox a request runs in; Platform resources are isolated by both (docs/reference/adobe-flow-service.md §4.5). */
export interface Scope {
  orgId: string;
  sandboxName: string;
}

export interface Scoped {
  id: string;
  imsOrgId: string;
  sandboxName: string;
}

/** In-memory resources of one kind, in creation order, each visible only in its own org and sandbox. */
export class ScopedStore<T extends Scoped> {
  readonly #byId = new Map<string, T>();

  /** Every resource of every org and sandbox: the live records, for tests. */
  all(): T[] {
    return [...this.#byId.values()];
  }

  /** The resources visible in `scope`, in creation order. */
  inScope(scope: Scope): T[] {
    return this.all().filter((item) => isInScope(item, scope));
  }

  /** The resource, or undefined when unknown or in another org/sandbox (callers answer 404 alike). */
  get(id: string, scope: Scope): T | undefined {
    const found = this.#byId.get(id);
    return found && isInScope(found, scope) ? found : undefined;
  }

  add(item: T): void {
    this.#byId.set(item.id, item);
  }

  delete(id: string): void {
    this.#byId.delete(id);
  }
}

function isInScope(item: Scoped, scope: Scope): boolean {
  return item.imsOrgId === scope.orgId && item.sandboxName === scope.sandboxName;
}
