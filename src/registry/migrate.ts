import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { findProjectRoot } from '../config/project-root.js';

/** Read from the project root so that `src/` (tsx, vitest) and the compiled `dist/src/` find the same files. */
export const MIGRATIONS_DIR = join(findProjectRoot(), 'src', 'registry', 'migrations');

/** One number for pg_advisory_lock, the same in every instance: "hac-migrate" in ASCII, truncated to 63 bits. */
const MIGRATION_LOCK_KEY = 0x6861632d6d696772n;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `NNN-name.sql` files in version order; a file not named so is refused, so none is silently skipped. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file ${file} must be named NNN-name.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction (a failed one leaves
 * nothing half done), and returns the versions it applied. A session advisory lock is held throughout, so two
 * instances starting together apply each migration once: the second waits, then finds nothing left to do.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = readMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    // No statement deadline here: waiting for another instance's migrations, or building an index on a large table,
    // may take longer than a request's query should. Reset before the connection goes back to the pool.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      const done: number[] = [];
      for (const migration of migrations.filter((m) => !applied.has(m.version))) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${migration.version}-${migration.name} failed: ${(err as Error).message}`, { cause: err });
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
      await client.query('RESET statement_timeout');
    }
  } finally {
    client.release();
  }
}
