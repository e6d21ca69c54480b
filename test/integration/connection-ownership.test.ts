import { describe, expect, it } from 'vitest';
import { eventually } from '../support/job-queue-contract.js';
import { expectConnected } from '../support/harness.js';
import { connectPortal, listedIds, PARTNER_RETURN_URL, runSession, twoPartnersPerTest, type TwoPartners } from '../support/two-partners.js';

const OWNED_ELSEWHERE = 'CONNECTION_OWNED_ELSEWHERE';

/**
 * Both test partners and the home page connect into the deployment's own org and `prod` sandbox, where a portal has
 * one AEP connection: whoever made it keeps it, and another owner's consent on that portal changes nothing.
 */
describe('One owner per connection', () => {
  const start = twoPartnersPerTest();
  /** A click-through on the home page, consenting on portal `hubId`. */
  const connectHome = (s: TwoPartners, hubId: number) => {
    s.h.sandbox.hubspot.signInTo({ hubId, domain: `portal-${hubId}.hubspot.com` });
    return s.h.connect(s.h.browser());
  };
  /** Flow Service requests from here on: a refused flow must add none (no PATCH, no POST, not even a lookup). */
  const adobeRequestsAfter = (s: TwoPartners) => {
    const from = s.h.sandbox.flowService.requests.entries.length;
    return () => s.h.sandbox.flowService.requests.entries.slice(from).map((r) => `${r.method} ${r.path}`);
  };

  it("When another partner's user consents on a portal a partner connected, then that session fails with CONNECTION_OWNED_ELSEWHERE, nothing reaches Adobe and the connection stays the first partner's", async () => {
    const s = await start();
    const id = await connectPortal(s, s.globex, 7811, { partner_user_id: 'g-1' });
    const before = await (await s.globex.connections.read(id)).json();
    const adobeRequests = adobeRequestsAfter(s);

    const taken = await runSession(s, s.acme, 7811, { return_url: PARTNER_RETURN_URL, partner_user_id: 'a-1' });
    const back = new URL(taken.location);
    expect(`${back.origin}${back.pathname}`).toBe(PARTNER_RETURN_URL);
    expect(back.searchParams.get('status')).toBe('failed');
    expect(back.searchParams.get('error')).toBe(OWNED_ELSEWHERE);
    expect(taken.session).toMatchObject({ status: 'failed', error_code: OWNED_ELSEWHERE });
    expect(taken.session.connection_id).toBeUndefined();
    expect(adobeRequests()).toEqual([]);
    const [hook] = await s.hooks.waitFor(1);
    expect(hook!.body).toMatchObject({
      type: 'connection.failed',
      data: { session_id: taken.id, error_code: OWNED_ELSEWHERE, partner_user_id: 'a-1' },
    });

    // The first partner still sees it, unchanged; the second cannot read, list or delete it.
    expect(await (await s.globex.connections.read(id)).json()).toEqual(before);
    expect((await listedIds(await s.globex.connections.list())).ids).toEqual([id]);
    expect((await s.h.services.connections.get(id))?.partnerId).toBe('globex');
    expect((await listedIds(await s.acme.connections.list())).ids).toEqual([]);
    expect((await s.acme.connections.read(id)).status).toBe(404);
    expect((await s.acme.connections.delete(id)).status).toBe(404);

    // Its owner connecting the portal again still updates it.
    const again = await runSession(s, s.globex, 7811, { partner_user_id: 'g-1' });
    expect(again.session).toMatchObject({ status: 'completed', connection_id: id, reconnected: true });
    expect((await s.h.services.connections.get(id))?.partnerId).toBe('globex');
  }, 30_000);

  it("When two partners' users consent on the same new portal at once, then the first keeps the connection and the second fails with CONNECTION_OWNED_ELSEWHERE without writing to Adobe", async () => {
    const s = await start();
    const writes = () => s.h.sandbox.flowService.requests.entries.filter((r) => r.method === 'POST' || r.method === 'PATCH').length;
    // The first flow's explore is slow, so its registry row is written seconds after it released the portal's lock:
    // the second flow finds no row when it checks, and only the lock-held claim can stop it.
    s.h.sandbox.flowService.faults.inject({ method: 'GET', path: /\/explore$/ }, { delayMs: 2_000 });
    const first = runSession(s, s.globex, 7841, { partner_user_id: 'g-1' });
    await eventually(() => writes() === 1);
    const second = await runSession(s, s.acme, 7841, { return_url: PARTNER_RETURN_URL, partner_user_id: 'a-1' });
    expect(second.session).toMatchObject({ status: 'failed', error_code: OWNED_ELSEWHERE });
    expect(writes()).toBe(1);

    const { session } = await first;
    expect(session).toMatchObject({ status: 'completed', reconnected: false });
    const id = String(session.connection_id);
    expect((await s.h.services.connections.get(id))?.partnerId).toBe('globex');
    expect((await listedIds(await s.acme.connections.list())).ids).toEqual([]);
  }, 30_000);

  it("When a partner's user consents on a portal the home page connected, then the session fails with CONNECTION_OWNED_ELSEWHERE and the home page keeps the connection", async () => {
    const s = await start();
    const id = expectConnected(s.h, await connectHome(s, 7821));
    const adobeRequests = adobeRequestsAfter(s);

    const taken = await runSession(s, s.acme, 7821, { return_url: PARTNER_RETURN_URL });
    expect(taken.session).toMatchObject({ status: 'failed', error_code: OWNED_ELSEWHERE });
    expect(new URL(taken.location).searchParams.get('error')).toBe(OWNED_ELSEWHERE);
    expect(adobeRequests()).toEqual([]);
    expect((await s.hooks.waitFor(1))[0]!.body).toMatchObject({ type: 'connection.failed', data: { error_code: OWNED_ELSEWHERE } });
    expect((await s.h.services.connections.get(id))?.partnerId).toBeUndefined();
    expect((await listedIds(await s.acme.connections.list())).ids).toEqual([]);

    const again = await connectHome(s, 7821);
    expect(expectConnected(s.h, again)).toBe(id);
    expect(again.record?.reconnected).toBe(true);
  }, 30_000);

  it('When the home page consents on a portal a partner connected, then the flow fails with CONNECTION_OWNED_ELSEWHERE in plain words and the partner keeps the connection', async () => {
    const s = await start();
    const id = await connectPortal(s, s.acme, 7831, { return_url: PARTNER_RETURN_URL, partner_user_id: 'a-2' });
    const before = await (await s.acme.connections.read(id)).json();
    const adobeRequests = adobeRequestsAfter(s);

    const home = await connectHome(s, 7831);
    expect(home.record).toMatchObject({ status: 'failed', error: { code: OWNED_ELSEWHERE } });
    expect(home.html).toContain('already connected to this Adobe Experience Platform sandbox by another application');
    expect(home.html).toContain(OWNED_ELSEWHERE);
    expect(adobeRequests()).toEqual([]);
    expect(await (await s.acme.connections.read(id)).json()).toEqual(before);
    expect((await s.h.services.connections.get(id))?.partnerId).toBe('acme');
  }, 30_000);

  it('When the connection of the portal was deleted, then another partner may connect it: a new connection, theirs', async () => {
    const s = await start();
    const id = await connectPortal(s, s.globex, 7841);
    expect((await s.globex.connections.delete(id)).status).toBe(200);

    const fresh = await connectPortal(s, s.acme, 7841);
    expect(fresh).not.toBe(id);
    expect((await listedIds(await s.acme.connections.list())).ids).toEqual([fresh]);
    expect((await s.h.services.connections.get(id))?.status).toBe('deleted');
    expect((await s.h.services.connections.get(fresh))?.partnerId).toBe('acme');
  }, 30_000);
});
