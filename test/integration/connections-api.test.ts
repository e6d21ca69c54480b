import { describe, expect, it } from 'vitest';
import { connectPortal, listedIds, twoPartnersPerTest } from '../support/two-partners.js';

describe('Connections API: list and read', () => {
  const start = twoPartnersPerTest();

  it("lists a partner's connections newest first, filtered and paged, and never another partner's", async () => {
    const s = await start();
    const first = await connectPortal(s, s.acme, 7001, { partner_user_id: 'u-1' });
    const second = await connectPortal(s, s.acme, 7002, { partner_user_id: 'u-2' });
    const theirs = await connectPortal(s, s.globex, 7003, { partner_user_id: 'u-1' });
    expect(new Set([first, second, theirs]).size).toBe(3);

    expect(await listedIds(await s.acme.connections.list())).toEqual({ ids: [second, first], hasMore: false });
    expect(await listedIds(await s.acme.connections.list({ limit: '1' }))).toEqual({ ids: [second], hasMore: true });
    expect(await listedIds(await s.acme.connections.list({ limit: '1', starting_after: second }))).toEqual({
      ids: [first],
      hasMore: false,
    });
    expect(await listedIds(await s.acme.connections.list({ partner_user_id: 'u-1' }))).toEqual({ ids: [first], hasMore: false });
    expect(await listedIds(await s.acme.connections.list({ status: 'active' }))).toEqual({ ids: [second, first], hasMore: false });
    expect(await listedIds(await s.globex.connections.list())).toEqual({ ids: [theirs], hasMore: false });
    expect(await listedIds(await s.globex.connections.list({ partner_user_id: 'u-2' }))).toEqual({ ids: [], hasMore: false });

    expect((await s.acme.connections.read(theirs)).status).toBe(404);
    expect((await s.globex.connections.delete(first)).status).toBe(404);
    const cursorOfAnother = await s.acme.connections.list({ starting_after: theirs });
    expect(cursorOfAnother.status).toBe(400);
    expect((await cursorOfAnother.json()).error).toMatchObject({ code: 'REQUEST_INVALID', fields: ['starting_after'] });
  }, 60_000);

  it("refuses a limit outside 1–100, an unknown status or parameter, in the API's error shape", async () => {
    const s = await start();
    for (const [query, field] of [
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ status: 'gone' }, 'status'],
      [{ starting_after: 'no-such-connection' }, 'starting_after'],
      [{ page: '2' }, 'page'],
    ] as const) {
      const res = await s.acme.connections.list(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'REQUEST_INVALID', fields: [field] });
    }
    expect((await s.acme.connections.list({ limit: '100' })).status).toBe(200);
    expect((await fetch(`${s.h.url}/api/v1/connections`)).status).toBe(401);
  });

  it('reads one connection with the documented fields, hub_id as a string', async () => {
    const s = await start();
    const id = await connectPortal(s, s.acme, 7101, { partner_user_id: 'u-7' });
    const res = await s.acme.connections.read(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = await res.json();
    expect(body).toEqual({
      id,
      hub_id: '7101',
      hub_domain: 'portal-7101.hubspot.com',
      sandbox: 'prod',
      partner_user_id: 'u-7',
      metadata: null,
      status: 'active',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      updated_at: body.created_at,
      last_checked_at: null,
      last_error: null,
    });
  });
});
