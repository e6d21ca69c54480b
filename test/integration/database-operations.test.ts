import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PORTAL } from '../../src/demo/demo-identities.js';
import { startHarness, type Harness } from '../support/harness.js';
import { eventually } from '../support/job-queue-contract.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';

describe('The registry on PostgreSQL, seen by operators', () => {
  let h: Harness | undefined;
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await h?.close();
    await db?.drop();
    h = undefined;
  });

  it('When home-page flows connect, then hac_connections counts the rows by status, deleted ones included', async () => {
    db = await createTestDatabase('metrics');
    h = await startHarness({ env: { DATABASE_URL: db.url } });
    await h.connect(h.browser());
    const text = async () => (await h!.services.metrics.registry.metrics()).toString();
    // The gauge reads the database on each scrape and leaves the series out when it answers late (a busy machine).
    const scraped = async (...lines: RegExp[]) => {
      const scrape = await text();
      return lines.every((line) => line.test(scrape));
    };
    await eventually(() => scraped(/^hac_connections\{status="active"\} 1$/m, /^hac_connections\{status="deleted"\} 0$/m), 10_000);
    const [row] = (await h.services.connections.list({ limit: 10 }))!.rows;
    expect(row).toMatchObject({ hubId: DEMO_PORTAL.hubId, org: h.config.adobe.imsOrg, sandbox: 'prod', status: 'active' });
    expect(row!.partnerId).toBeUndefined();
    await h.services.connections.update(row!.id, { status: 'deleted', at: Date.now() });
    await eventually(() => scraped(/^hac_connections\{status="active"\} 0$/m, /^hac_connections\{status="deleted"\} 1$/m), 10_000);
  });

  it('When the database goes away, then /readyz answers 503 naming the database, and /healthz stays 200', async () => {
    db = await createTestDatabase('readiness');
    h = await startHarness({ env: { DATABASE_URL: db.url } });
    const up = await fetch(`${h.url}/readyz`);
    expect(up.status).toBe(200);
    expect((await up.json()).checks).toEqual({ config: 'ok', database: 'ok' });
    await db.drop();
    const down = await fetch(`${h.url}/readyz`);
    expect(down.status).toBe(503);
    expect((await down.json()).checks.database).toBe('failing');
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
