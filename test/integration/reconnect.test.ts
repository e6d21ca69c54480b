import { describe, expect, it } from 'vitest';
import { PARTNER_RETURN_URL, runSession, twoPartnersPerTest, type TwoPartners } from '../support/two-partners.js';

const RETURN_URL = PARTNER_RETURN_URL;

describe('Reconnect sessions', () => {
  const start = twoPartnersPerTest();
  const run = (s: TwoPartners, hubId: number, body: Record<string, unknown>) =>
    runSession(s, s.acme, hubId, { return_url: RETURN_URL, ...body });

  it('When the same portal consents again, then the same AEP connection is PATCHed, set active, and connection.updated says reauthorized', async () => {
    const s = await start();
    const made = await run(s, 7501, { partner_user_id: 'u-r' });
    const connectionId = String(made.session.connection_id);
    await s.h.services.connections.update(connectionId, {
      status: 'needs_reauth',
      lastError: 'HUBSPOT_TOKEN_INACTIVE',
      at: Date.now(),
    });
    const flowService = s.h.sandbox.flowService;
    const posts = flowService.requests.find('POST', /\/connections\/?$/).length;

    const again = await run(s, 7501, { connection_id: connectionId });
    expect(again.session).toMatchObject({ status: 'completed', connection_id: connectionId, reconnected: true, partner_user_id: 'u-r' });
    expect(new URL(again.location).searchParams.get('connection_id')).toBe(connectionId);
    expect(flowService.requests.find('PATCH', new RegExp(`/connections/${connectionId}/?$`))).toHaveLength(1);
    expect(flowService.requests.find('POST', /\/connections\/?$/)).toHaveLength(posts);
    expect(flowService.connections()).toHaveLength(1);

    const row = await (await s.acme.connections.read(connectionId)).json();
    expect(row).toMatchObject({ id: connectionId, status: 'active', last_error: null, partner_user_id: 'u-r' });
    const hooks = await s.hooks.waitFor(2);
    expect(hooks[1]!.body).toMatchObject({
      type: 'connection.updated',
      data: { session_id: again.id, connection_id: connectionId, reason: 'reauthorized', partner_user_id: 'u-r' },
    });
    expect(hooks[0]!.body.data.reason).toBeUndefined();
  }, 30_000);

  it('When another portal consents, then the session fails with RECONNECT_WRONG_PORTAL and nothing reaches Adobe', async () => {
    const s = await start();
    const made = await run(s, 7601, {});
    const connectionId = String(made.session.connection_id);
    const before = (await (await s.acme.connections.read(connectionId)).json()) as Record<string, unknown>;
    const adobeRequests = s.h.sandbox.flowService.requests.entries.length;

    const wrong = await run(s, 7602, { connection_id: connectionId });
    const back = new URL(wrong.location);
    expect(`${back.origin}${back.pathname}`).toBe(RETURN_URL);
    expect(back.searchParams.get('status')).toBe('failed');
    expect(back.searchParams.get('error')).toBe('RECONNECT_WRONG_PORTAL');
    expect(wrong.session).toMatchObject({ status: 'failed', error_code: 'RECONNECT_WRONG_PORTAL' });
    expect(s.h.sandbox.flowService.requests.entries).toHaveLength(adobeRequests);
    expect(await (await s.acme.connections.read(connectionId)).json()).toEqual(before);
    const hooks = await s.hooks.waitFor(2);
    expect(hooks[1]!.body).toMatchObject({
      type: 'connection.failed',
      data: { session_id: wrong.id, error_code: 'RECONNECT_WRONG_PORTAL' },
    });
  }, 30_000);

  it("refuses to reconnect another partner's connection, a deleted one or an unknown one with 404", async () => {
    const s = await start();
    const made = await run(s, 7701, {});
    const connectionId = String(made.session.connection_id);
    const notFound = async (res: Response) => {
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('NOT_FOUND');
    };
    await notFound(await s.globex.sessions.create({ connection_id: connectionId }));
    await notFound(await s.acme.sessions.create({ connection_id: 'no-such-connection' }));
    expect((await s.acme.connections.delete(connectionId)).status).toBe(200);
    await notFound(await s.acme.sessions.create({ connection_id: connectionId }));
  }, 30_000);
});
