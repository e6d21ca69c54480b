import { ScopedStore } from '../platform/scoped-store.js';
import type { StoredConnection } from './types.js';

export type { Scope } from '../platform/scoped-store.js';

/** In-memory base connections, in creation order. */
export class ConnectionStore extends ScopedStore<StoredConnection> {}
