import { afterEach, expect, it } from 'vitest';
import { DEMO_PARTNER_SANDBOX } from '../../src/demo/start-demo.js';
import { expectConnected, startHarness, type Harness } from '../support/harness.js';
import { followSession } from '../support/partners.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

it('In demo mode, the same portal connects on the home page and again through the demo partner portal: two connections, one per sandbox', async () => {
  h = await startHarness({ demoPartner: true });
  const home = await h.connect(h.browser());
  const homeConnection = expectConnected(h, home);

  const demo = h.sandbox.demoPartner!;
  const created = await fetch(`${h.url}/api/v1/connect-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demo.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ return_url: demo.returnUrl, partner_user_id: 'demo-user' }),
  });
  expect(created.status).toBe(201);
  const session = (await created.json()) as { id: string; url: string };
  const run = await followSession(h.browser(), session.url);
  expect(run.location.startsWith(demo.returnUrl)).toBe(true);
  expect(new URL(run.location).searchParams.get('status')).toBe('completed');

  const byId = new Map(h.sandbox.flowService.connections().map((c) => [c.id, c]));
  expect(byId.size).toBe(2);
  const partnerConnection = [...byId.keys()].find((id) => id !== homeConnection)!;
  expect(await h.services.connections.get(partnerConnection)).toMatchObject({ partnerId: 'demo', sandbox: DEMO_PARTNER_SANDBOX });
  expect(await h.services.connections.get(homeConnection)).toMatchObject({ sandbox: h.config.adobe.sandboxName });
});
