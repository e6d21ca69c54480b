import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL every integration test shares (`.ci/run` starts one when none answers): trust auth, user postgres. */
export const POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function onAdminDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database of its own per test file (or test), so tests never see each other's rows. Drop it after. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `hac_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await onAdminDatabase((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: `${POSTGRES_SERVER}/${name}`,
    name,
    // FORCE: a pool a failed test left open must not keep the database alive.
    drop: () => onAdminDatabase((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
