import { afterAll } from 'vitest';
import { PostgresEventLog } from '../../src/events/postgres-event-log.js';
import { createLogger } from '../../src/logging/logger.js';
import { createDatabasePool } from '../../src/registry/database-pool.js';
import { migrate } from '../../src/registry/migrate.js';
import { eventLogContract } from '../support/event-log-contract.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const databases: TestDatabase[] = [];
const pools: { end(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await Promise.all(databases.map((db) => db.drop()));
});

// Each test gets an empty database of its own, migrated before the log's first statement.
eventLogContract('PostgresEventLog', async (now) => {
  const db = await createTestDatabase('event_log_contract');
  databases.push(db);
  const pool = createDatabasePool({ url: db.url, poolMax: 2 }, createLogger('silent'));
  pools.push(pool);
  let migrated: Promise<unknown> | undefined;
  return new PostgresEventLog(pool, () => (migrated ??= migrate(pool)), now);
});
