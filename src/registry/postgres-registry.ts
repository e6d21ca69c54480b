import type pg from 'pg';
import {
  CONNECTION_STATUSES,
  DATAFLOW_ID_KEYS,
  type ConnectionPage,
  type ConnectionPatch,
  type ConnectionQuery,
  type ConnectionRegistry,
  type ConnectionRow,
  type ConnectionStatus,
  type ConnectionUpsert,
  type PortalKey,
} from './connection-registry.js';
import { pingDatabase } from './database-pool.js';
import { migrate } from './migrate.js';
import { fromDatabase, DATAFLOW_COLUMNS, type ConnectionRecord } from './connection-columns.js';

/**
 * The registry in PostgreSQL: shared by every instance, kept across restarts. Migrations run once, before the
 * first query (the entry point awaits `ready()` before it listens, so a database that cannot be reached or
 * migrated stops the start in plain words).
 */
export class PostgresRegistry implements ConnectionRegistry {
  private migrated: Promise<unknown> | undefined;
  private ended: Promise<void> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /** Applies pending migrations (once per instance). */
  ready(): Promise<unknown> {
    this.migrated ??= migrate(this.pool).catch((err: unknown) => {
      this.migrated = undefined;
      throw err;
    });
    return this.migrated;
  }

  async upsert(input: ConnectionUpsert): Promise<ConnectionRow> {
    const at = new Date(input.at);
    const rows = await this.query(
      `INSERT INTO connections AS c (id, aep_org, sandbox, hub_id, hub_domain, partner_id, partner_user_id, metadata, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $9)
       ON CONFLICT (id) DO UPDATE SET
         aep_org = EXCLUDED.aep_org, sandbox = EXCLUDED.sandbox, hub_id = EXCLUDED.hub_id,
         hub_domain = COALESCE(EXCLUDED.hub_domain, c.hub_domain),
         partner_id = COALESCE(EXCLUDED.partner_id, c.partner_id),
         partner_user_id = CASE WHEN EXCLUDED.partner_id IS NULL THEN c.partner_user_id ELSE EXCLUDED.partner_user_id END,
         metadata = CASE WHEN EXCLUDED.partner_id IS NULL THEN c.metadata ELSE EXCLUDED.metadata END,
         status = 'active', last_error = NULL, updated_at = EXCLUDED.updated_at
       WHERE c.updated_at <= EXCLUDED.updated_at
       RETURNING *`,
      [
        input.id,
        input.org,
        input.sandbox,
        input.hubId,
        input.hubDomain ?? null,
        input.partnerId ?? null,
        input.partnerUserId ?? null,
        input.metadata ? JSON.stringify(input.metadata) : null,
        at,
      ],
    );
    // No row back: the WHERE refused a write older than the row (ConnectionRegistry.upsert), which stays as it is.
    return rows[0] ? fromDatabase(rows[0]) : (await this.get(input.id))!;
  }

  async get(id: string): Promise<ConnectionRow | undefined> {
    const rows = await this.query('SELECT * FROM connections WHERE id = $1', [id]);
    return rows[0] && fromDatabase(rows[0]);
  }

  async findLive(portal: PortalKey): Promise<ConnectionRow[]> {
    const rows = await this.query(
      `SELECT * FROM connections WHERE aep_org = $1 AND sandbox = $2 AND hub_id = $3 AND status <> 'deleted'
       ORDER BY created_at DESC, id COLLATE "C" DESC`,
      [portal.org, portal.sandbox, portal.hubId],
    );
    return rows.map(fromDatabase);
  }

  async update(id: string, patch: ConnectionPatch): Promise<ConnectionRow | undefined> {
    const sets = ['updated_at = GREATEST(updated_at, $2)'];
    const values: unknown[] = [id, new Date(patch.at)];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.status !== undefined) set('status', patch.status);
    if (patch.lastError !== undefined) set('last_error', patch.lastError);
    if (patch.lastCheckedAt !== undefined) set('last_checked_at', patch.lastCheckedAt === null ? null : new Date(patch.lastCheckedAt));
    for (const key of DATAFLOW_ID_KEYS) if (patch.dataflow?.[key] !== undefined) set(DATAFLOW_COLUMNS[key], patch.dataflow[key]);
    // A deleted row is final (ConnectionPatch): a health check that overlapped the DELETE must not revive it.
    const rows = await this.query(`UPDATE connections SET ${sets.join(', ')} WHERE id = $1 AND status <> 'deleted' RETURNING *`, values);
    return rows[0] && fromDatabase(rows[0]);
  }

  async list(query: ConnectionQuery): Promise<ConnectionPage | undefined> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.partnerId === null) where.push('partner_id IS NULL');
    else if (query.partnerId !== undefined) where.push(`partner_id = ${param(query.partnerId)}`);
    where.push(query.status ? `status = ${param(query.status)}` : `status <> 'deleted'`);
    if (query.partnerUserId !== undefined) where.push(`partner_user_id = ${param(query.partnerUserId)}`);
    if (query.startingAfter !== undefined) {
      const cursor = await this.get(query.startingAfter);
      if (!cursor || (query.partnerId !== undefined && (cursor.partnerId ?? null) !== query.partnerId)) return undefined;
      where.push(`(created_at, id COLLATE "C") < (${param(new Date(cursor.createdAt))}, ${param(cursor.id)} COLLATE "C")`);
    }
    const rows = await this.query(
      `SELECT * FROM connections WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT ${param(query.limit + 1)}`,
      values,
    );
    return { rows: rows.slice(0, query.limit).map(fromDatabase), hasMore: rows.length > query.limit };
  }

  async countByStatus(): Promise<Record<ConnectionStatus, number>> {
    const counts = Object.fromEntries(CONNECTION_STATUSES.map((s) => [s, 0])) as Record<ConnectionStatus, number>;
    const rows = await this.query<{ status: ConnectionStatus; n: string }>('SELECT status, count(*) AS n FROM connections GROUP BY status');
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  ping(): Promise<boolean> {
    return pingDatabase(this.pool);
  }

  /** Ends the pool (shared with the other tables of the database), once however often it is asked. */
  close(): Promise<void> {
    return (this.ended ??= this.pool.end());
  }

  private async query<R extends pg.QueryResultRow = ConnectionRecord>(text: string, values: unknown[] = []): Promise<R[]> {
    await this.ready();
    return (await this.pool.query<R>(text, values)).rows;
  }
}
