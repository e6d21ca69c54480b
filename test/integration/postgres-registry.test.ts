import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createDatabasePool } from '../../src/registry/database-pool.js';
import { migrate, readMigrations } from '../../src/registry/migrate.js';
import { PostgresRegistry } from '../../src/registry/postgres-registry.js';
import { connectionRegistryContract } from '../support/connection-registry-contract.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

const logger = createLogger('silent');
const pool = (db: TestDatabase) => createDatabasePool({ url: db.url, poolMax: 4 }, logger);

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

// Each test gets an empty database of its own, migrated by the registry itself before its first query.
connectionRegistryContract('PostgresRegistry', async () => {
  const db = await createTestDatabase('registry_contract');
  databases.push(db);
  return new PostgresRegistry(pool(db));
});

describe('Migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
    databases.push(db);
  });

  it('When applied to an empty database, then every migration runs once and is recorded; applied again, nothing runs', async () => {
    const p = pool(db);
    try {
      const all = readMigrations().map((m) => m.version);
      expect(all.length).toBeGreaterThan(0);
      expect(await migrate(p)).toEqual(all);
      const recorded = await p.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(recorded.rows.map((r) => r.version)).toEqual(all);
      expect(await migrate(p)).toEqual([]);
      expect((await p.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(all.length);
    } finally {
      await p.end();
    }
  });

  it('When two instances start together on a new database, then each migration is applied exactly once', async () => {
    const fresh = await createTestDatabase('migrations_race');
    databases.push(fresh);
    const pools = [pool(fresh), pool(fresh), pool(fresh)];
    try {
      const applied = await Promise.all(pools.map((p) => migrate(p)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(readMigrations().map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('When a migration fails, then it leaves nothing behind and is not recorded', async () => {
    const fresh = await createTestDatabase('migrations_fail');
    databases.push(fresh);
    const p = pool(fresh);
    try {
      const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
      await expect(migrate(p, broken)).rejects.toThrow(/migration 1-broken failed/);
      expect((await p.query("SELECT to_regclass('half_done') AS t")).rows[0].t).toBeNull();
      expect((await p.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(0);
    } finally {
      await p.end();
    }
  });
});
