import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectSession } from '../../src/partners/connect-session.js';
import { startCluster, type Cluster } from '../support/cluster.js';
import { continueSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

describe('a connect session continued in parallel on two instances sharing Redis', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('When ten "Connect HubSpot" POSTs for one token reach both instances at once, then exactly one flow starts', async () => {
    const key = newApiKey();
    cluster = await startCluster({ env: { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '1000', ...partnersEnv([{ id: 'acme', apiKey: key }]) } });
    const [a, b] = [cluster.instances[0]!, cluster.instances[1]!];
    const { id, url } = await (await partnerApi(a.url, key).create({})).json();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => continueSession(cluster!.browser(), cluster!.on(i % 2 ? a : b, url))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([303, ...Array<number>(9).fill(409)]);
    const started = answers.find((r) => r.status === 303)!;
    const state = new URL(started.headers.get('location')!).searchParams.get('state');
    expect(state).toBeTruthy();
    // The session names the one flow, and that flow is the one HubSpot was sent to.
    const session = await a.services.store.get<ConnectSession>(`connect-session:${id}`);
    expect(session).toMatchObject({ status: 'started', flowId: expect.any(String) });
    expect(await a.services.store.get(`flow:${session!.flowId}`)).toMatchObject({ status: 'started', origin: { sessionId: id } });
  });
});
