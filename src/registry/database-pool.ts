import pg from 'pg';
import type { Logger } from '../logging/logger.js';

/** How long a query may wait for a free connection or for a new one to open before it fails. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement running longer than this is cancelled by the server: no request waits on a stuck query. */
const STATEMENT_TIMEOUT_MS = 10_000;

/**
 * The instance's PostgreSQL pool. `max` (DATABASE_POOL_MAX) bounds what one instance takes from the server's
 * max_connections; every registry call holds a connection for one statement only, so ten serve the 16 concurrent
 * completion jobs and the API requests. An idle connection that breaks is reported, not thrown: node-postgres emits
 * 'error' on the pool for it, and an unhandled 'error' event would end the process
 * (https://node-postgres.com/apis/pool#error).
 */
export function createDatabasePool(database: { url: string; poolMax: number }, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'hubspot-aep-connect',
  });
  pool.on('error', (err) => logger.warn({ err: { message: err.message } }, 'an idle PostgreSQL connection failed; the pool opens another'));
  return pool;
}

/** Whether the database answers a trivial query. */
export async function pingDatabase(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
