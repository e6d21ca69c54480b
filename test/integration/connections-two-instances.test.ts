import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster, type Instance } from '../support/cluster.js';
import { connectionsApi, continueSession, finishedSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';
import { decideConsent } from '../../src/demo/hubspot/index.js';

describe('Connections on two instances sharing Redis and PostgreSQL', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  const apiKey = newApiKey();
  const start = async () => (cluster = await startCluster({ env: partnersEnv([{ id: 'acme', apiKey }]) }));

  /** A user follows a connect session made on `made`, entirely through `via`; returns the AEP connection id. */
  const connectThrough = async (c: Cluster, made: Instance, via: Instance) => {
    const sessions = partnerApi(made.url, apiKey);
    const { id, url } = await (await sessions.create({ partner_user_id: 'u-2i' })).json();
    const browser = c.browser();
    await browser.get(c.on(via, url));
    const go = await continueSession(browser, c.on(via, url));
    const consent = await decideConsent(go.headers.get('location')!, 'grant');
    await browser.get(c.on(via, consent.headers.get('location')!));
    const session = await finishedSession(sessions, id, 20_000);
    expect(session.status).toBe('completed');
    return String(session.connection_id);
  };

  it('When a connection is made through one instance, then the other lists it, reads it and deletes it', async () => {
    const c = await start();
    const [a, b] = [c.instances[0]!, c.instances[1]!];
    const id = await connectThrough(c, a, a);
    const onB = connectionsApi(b.url, apiKey);
    const listed = await (await onB.list()).json();
    expect(listed.data.map((row: { id: string }) => row.id)).toEqual([id]);
    expect(listed.data[0]).toMatchObject({ partner_user_id: 'u-2i', status: 'active' });
    const deleted = await onB.delete(id);
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).status).toBe('deleted');
    expect(c.sandbox.flowService.connections()).toHaveLength(0);
    const onA = connectionsApi(a.url, apiKey);
    expect((await (await onA.read(id)).json()).status).toBe('deleted');
    expect((await (await onA.list()).json()).data).toEqual([]);
  }, 60_000);

  it('When two instances are asked to delete one connection at once, then Adobe gets one DELETE and both answer the same row', async () => {
    const c = await start();
    const [a, b] = [c.instances[0]!, c.instances[1]!];
    const id = await connectThrough(c, a, b);
    const answers = await Promise.all([connectionsApi(a.url, apiKey).delete(id), connectionsApi(b.url, apiKey).delete(id)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const [first, second] = await Promise.all(answers.map((r) => r.json()));
    expect(first).toEqual(second);
    expect(first.status).toBe('deleted');
    expect(c.sandbox.flowService.requests.find('DELETE', new RegExp(`/connections/${id}/?$`))).toHaveLength(1);
  }, 60_000);

  it('When every instance restarts, then the connections are still listed (PostgreSQL keeps them)', async () => {
    const c = await start();
    const id = await connectThrough(c, c.instances[0]!, c.instances[1]!);
    for (const old of c.instances.splice(0)) await old.close();
    const fresh = await c.start();
    const listed = await (await connectionsApi(fresh.url, apiKey).list()).json();
    expect(listed.data.map((row: { id: string }) => row.id)).toEqual([id]);
    const ready = await (await fetch(`${fresh.url}/readyz`)).json();
    expect(ready.checks.database).toBe('ok');
  }, 60_000);
});
