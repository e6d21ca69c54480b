import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionRegistry, ConnectionUpsert } from '../../src/registry/connection-registry.js';

const T0 = Date.UTC(2026, 0, 1);

const EVERY_DATAFLOW_ID = {
  flowId: 'f',
  sourceConnectionId: 's',
  targetConnectionId: 't',
  datasetId: 'd',
  schemaId: 'sc',
  schemaAltId: '_x.schemas.y',
  descriptorId: 'de',
  mappingSetId: 'm',
};

const made = (id: string, overrides: Partial<ConnectionUpsert> = {}): ConnectionUpsert => ({
  id,
  org: 'ORG1@AdobeOrg',
  sandbox: 'prod',
  hubId: 1001,
  hubDomain: 'one.hubspot.com',
  partnerId: 'acme',
  partnerUserId: 'user-1',
  metadata: { plan: 'gold' },
  at: T0,
  ...overrides,
});

/**
 * The behaviour every ConnectionRegistry must have, run against MemoryRegistry (test/unit) and PostgresRegistry
 * (test/integration, a real database of its own per test).
 */
export function connectionRegistryContract(name: string, newRegistry: () => Promise<ConnectionRegistry>): void {
  describe(`${name} (ConnectionRegistry contract)`, () => {
    const open: ConnectionRegistry[] = [];
    const registry = async () => {
      const r = await newRegistry();
      open.push(r);
      return r;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((r) => r.close()));
    });

    it('When a flow made a connection, then get returns the row, active, with every field it was given', async () => {
      const r = await registry();
      const row = await r.upsert(made('conn-a'));
      expect(row).toEqual({
        id: 'conn-a',
        org: 'ORG1@AdobeOrg',
        sandbox: 'prod',
        hubId: 1001,
        hubDomain: 'one.hubspot.com',
        partnerId: 'acme',
        partnerUserId: 'user-1',
        metadata: { plan: 'gold' },
        status: 'active',
        createdAt: T0,
        updatedAt: T0,
        dataflow: {},
      });
      expect(await r.get('conn-a')).toEqual(row);
      expect(await r.get('unknown')).toBeUndefined();
    });

    it('When a known connection is made again, then it is active again, keeps created_at and its dataflow, and takes the new fields', async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      await r.update('conn-a', { status: 'needs_reauth', lastError: 'HUBSPOT_TOKEN_INACTIVE', dataflow: { flowId: 'flow-1' }, at: T0 + 1 });
      const again = await r.upsert(
        made('conn-a', { partnerUserId: 'user-2', metadata: { plan: 'silver' }, hubDomain: 'new.hubspot.com', at: T0 + 2 }),
      );
      expect(again).toMatchObject({
        status: 'active',
        createdAt: T0,
        updatedAt: T0 + 2,
        partnerUserId: 'user-2',
        metadata: { plan: 'silver' },
      });
      expect(again.hubDomain).toBe('new.hubspot.com');
      expect(again.lastError).toBeUndefined();
      expect(again.dataflow).toEqual({ flowId: 'flow-1' });
    });

    it("When the home-page flow updates a partner's connection, then the partner, its end user and metadata stay", async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      const again = await r.upsert(made('conn-a', { partnerId: undefined, partnerUserId: undefined, metadata: undefined, at: T0 + 5 }));
      expect(again).toMatchObject({ partnerId: 'acme', partnerUserId: 'user-1', metadata: { plan: 'gold' }, updatedAt: T0 + 5 });
    });

    it('When an upsert older than the row arrives late (a retried write), then it brings no older status back and changes nothing', async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      const deleted = await r.update('conn-a', { status: 'deleted', dataflow: { flowId: 'flow-1' }, at: T0 + 10 });
      const late = await r.upsert(made('conn-a', { partnerUserId: 'user-late', hubDomain: 'late.hubspot.com', at: T0 + 5 }));
      expect(late).toEqual(deleted);
      expect(await r.get('conn-a')).toEqual(deleted);
    });

    it('When the same upsert is repeated, then the row is the same as after the first', async () => {
      const r = await registry();
      const first = await r.upsert(made('conn-a', { at: T0 + 3 }));
      expect(await r.upsert(made('conn-a', { at: T0 + 3 }))).toEqual(first);
      expect((await r.list({ limit: 10 }))!.rows).toEqual([first]);
    });

    it('When a patch older than the row arrives late, then its dataflow ids are kept but updated_at does not move back', async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      await r.update('conn-a', { lastCheckedAt: T0 + 20, at: T0 + 20 });
      const late = await r.update('conn-a', { dataflow: { flowId: 'flow-1' }, at: T0 + 5 });
      expect(late).toMatchObject({ updatedAt: T0 + 20, lastCheckedAt: T0 + 20, dataflow: { flowId: 'flow-1' } });
    });

    it('update changes status, error, check time and dataflow ids, clears with null, and answers undefined for an unknown id', async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      const checked = await r.update('conn-a', {
        status: 'error',
        lastError: 'ADOBE_UNAVAILABLE',
        lastCheckedAt: T0 + 10,
        dataflow: EVERY_DATAFLOW_ID,
        at: T0 + 10,
      });
      expect(checked).toMatchObject({ status: 'error', lastError: 'ADOBE_UNAVAILABLE', lastCheckedAt: T0 + 10, updatedAt: T0 + 10 });
      expect(checked!.dataflow).toEqual(EVERY_DATAFLOW_ID);
      const cleared = await r.update('conn-a', { lastError: null, dataflow: { flowId: null }, at: T0 + 11 });
      expect(cleared!.lastError).toBeUndefined();
      expect(cleared!.dataflow.flowId).toBeUndefined();
      expect(cleared!.dataflow.datasetId).toBe('d');
      expect(cleared!.status).toBe('error');
      expect(await r.get('conn-a')).toEqual(cleared);
      expect(await r.update('unknown', { status: 'deleted', at: T0 })).toBeUndefined();
    });

    it('When a row is deleted, then update changes nothing on it and answers undefined (a late health check cannot revive it)', async () => {
      const r = await registry();
      await r.upsert(made('conn-a'));
      const deleted = await r.update('conn-a', { status: 'deleted', dataflow: { flowId: null }, at: T0 + 10 });
      const late = { status: 'active', lastError: null, lastCheckedAt: T0 + 20, dataflow: { flowId: 'f' }, at: T0 + 20 } as const;
      expect(await r.update('conn-a', late)).toBeUndefined();
      expect(await r.get('conn-a')).toEqual(deleted);
    });

    it("lists a partner's rows newest first, page by page, and never another partner's", async () => {
      const r = await registry();
      for (let i = 0; i < 5; i += 1) await r.upsert(made(`acme-${i}`, { at: T0 + i }));
      await r.upsert(made('other-0', { partnerId: 'globex', at: T0 + 100 }));
      await r.upsert(made('home-0', { partnerId: undefined, partnerUserId: undefined, metadata: undefined, at: T0 + 200 }));
      const first = await r.list({ partnerId: 'acme', limit: 2 });
      expect(first!.rows.map((row) => row.id)).toEqual(['acme-4', 'acme-3']);
      expect(first!.hasMore).toBe(true);
      const second = await r.list({ partnerId: 'acme', limit: 2, startingAfter: 'acme-3' });
      expect(second!.rows.map((row) => row.id)).toEqual(['acme-2', 'acme-1']);
      const last = await r.list({ partnerId: 'acme', limit: 2, startingAfter: 'acme-1' });
      expect(last).toEqual({ rows: [expect.objectContaining({ id: 'acme-0' })], hasMore: false });
      expect((await r.list({ partnerId: null, limit: 10 }))!.rows.map((row) => row.id)).toEqual(['home-0']);
      expect((await r.list({ limit: 10 }))!.rows).toHaveLength(7);
    });

    it('orders rows made in the same millisecond by id, so pages neither repeat nor skip one', async () => {
      const r = await registry();
      for (const id of ['b', 'a', 'd', 'c']) await r.upsert(made(id));
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 4; page += 1) {
        const result = await r.list({ partnerId: 'acme', limit: 1, ...(after ? { startingAfter: after } : {}) });
        seen.push(...result!.rows.map((row) => row.id));
        after = result!.rows.at(-1)?.id;
        if (!result!.hasMore) break;
      }
      expect(seen).toEqual(['d', 'c', 'b', 'a']);
    });

    it('filters by end user and status; deleted rows only when asked for', async () => {
      const r = await registry();
      await r.upsert(made('u1-a', { partnerUserId: 'u1', at: T0 + 1 }));
      await r.upsert(made('u1-b', { partnerUserId: 'u1', at: T0 + 2 }));
      await r.upsert(made('u2-a', { partnerUserId: 'u2', at: T0 + 3 }));
      await r.update('u1-b', { status: 'deleted', at: T0 + 4 });
      const ids = async (q: Parameters<ConnectionRegistry['list']>[0]) => (await r.list(q))!.rows.map((row) => row.id);
      expect(await ids({ partnerId: 'acme', limit: 10 })).toEqual(['u2-a', 'u1-a']);
      expect(await ids({ partnerId: 'acme', partnerUserId: 'u1', limit: 10 })).toEqual(['u1-a']);
      expect(await ids({ partnerId: 'acme', status: 'deleted', limit: 10 })).toEqual(['u1-b']);
      expect(await ids({ partnerId: 'acme', status: 'active', partnerUserId: 'u2', limit: 10 })).toEqual(['u2-a']);
    });

    it("answers undefined for a starting_after that is unknown or another partner's", async () => {
      const r = await registry();
      await r.upsert(made('mine'));
      await r.upsert(made('theirs', { partnerId: 'globex' }));
      expect(await r.list({ partnerId: 'acme', limit: 5, startingAfter: 'nope' })).toBeUndefined();
      expect(await r.list({ partnerId: 'acme', limit: 5, startingAfter: 'theirs' })).toBeUndefined();
      expect(await r.list({ partnerId: 'acme', limit: 5, startingAfter: 'mine' })).toEqual({ rows: [], hasMore: false });
    });

    it("finds a portal's rows in one org and sandbox that are not deleted, newest first, whoever owns them", async () => {
      const r = await registry();
      const portal = { org: 'ORG1@AdobeOrg', sandbox: 'prod', hubId: 1001 };
      await r.upsert(made('old', { at: T0 + 1 }));
      await r.upsert(made('home', { partnerId: undefined, partnerUserId: undefined, metadata: undefined, at: T0 + 2 }));
      await r.upsert(made('gone', { partnerId: 'globex', at: T0 + 3 }));
      await r.update('gone', { status: 'deleted', at: T0 + 4 });
      await r.update('old', { status: 'needs_reauth', lastError: 'HUBSPOT_TOKEN_INACTIVE', at: T0 + 5 });
      await r.upsert(made('other-hub', { hubId: 1002 }));
      await r.upsert(made('other-sandbox', { sandbox: 'dev' }));
      await r.upsert(made('other-org', { org: 'ORG2@AdobeOrg' }));
      const found = await r.findLive(portal);
      expect(found.map((row) => [row.id, row.partnerId ?? null, row.status])).toEqual([
        ['home', null, 'active'],
        ['old', 'acme', 'needs_reauth'],
      ]);
      expect(found[1]).toEqual(await r.get('old'));
      expect(await r.findLive({ ...portal, hubId: 9999 })).toEqual([]);
    });

    it('finds a row written again for another portal under that portal only', async () => {
      const r = await registry();
      const portal = { org: 'ORG1@AdobeOrg', sandbox: 'prod', hubId: 1001 };
      await r.upsert(made('moved', { at: T0 + 1 }));
      await r.upsert(made('moved', { hubId: 1002, at: T0 + 2 }));
      expect(await r.findLive(portal)).toEqual([]);
      expect((await r.findLive({ ...portal, hubId: 1002 })).map((row) => row.id)).toEqual(['moved']);
    });

    it('counts rows by status, every status present', async () => {
      const r = await registry();
      expect(await r.countByStatus()).toEqual({ active: 0, needs_reauth: 0, error: 0, deleted: 0 });
      await r.upsert(made('a'));
      await r.upsert(made('b'));
      await r.upsert(made('c'));
      await r.update('c', { status: 'deleted', at: T0 + 1 });
      expect(await r.countByStatus()).toEqual({ active: 2, needs_reauth: 0, error: 0, deleted: 1 });
      expect(await r.ping()).toBe(true);
    });
  });
}
