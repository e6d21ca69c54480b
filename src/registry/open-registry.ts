import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { ConnectionRegistry } from './connection-registry.js';
import { createDatabasePool } from './database-pool.js';
import { MemoryRegistry } from './memory-registry.js';
import { PostgresRegistry } from './postgres-registry.js';

/**
 * The registry for a config: PostgreSQL with DATABASE_URL (migrated by `ready()`), else memory. `pool` is the
 * PostgreSQL pool, for other tables of the same database (the partner event log); `connections.close()` ends it, so
 * close those users first.
 */
export function openConnectionRegistry(config: Config, logger: Logger) {
  if (!config.database) {
    const connections: ConnectionRegistry = new MemoryRegistry();
    return { connections, pool: undefined, ready: () => Promise.resolve() };
  }
  const pool = createDatabasePool(config.database, logger);
  const connections = new PostgresRegistry(pool);
  return { connections: connections as ConnectionRegistry, pool, ready: () => connections.ready().then(() => undefined) };
}
