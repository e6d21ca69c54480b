import { describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { BrowserAgent } from '../support/browser-agent.js';
import { processDeployment } from '../support/process-fixture.js';

describe('Instances as separate processes on one Redis', () => {
  const deployment = processDeployment('processes');

  it('When the instance a flow started on is SIGKILLed during consent, then the other completes the flow', async () => {
    const { sandbox, env } = await deployment.setUp();
    const [a, b] = await Promise.all([deployment.instance(env), deployment.instance(env)]);
    const browser = new BrowserAgent();
    const start = await browser.get(`${a.url}/connect`);
    expect(start.status).toBe(302);
    const consent = await decideConsent(start.headers.get('location')!, 'grant');
    await a.kill();
    const callback = new URL(consent.headers.get('location')!);
    const onB = new URL(`${callback.pathname}${callback.search}`, b.url).toString();
    const run = await browser.follow(onB);
    expect(run.final.status).toBe(200);
    expect(await run.final.text()).toContain('HubSpot is connected');
    expect(sandbox.flowService.connections()).toHaveLength(1);
  }, 60_000);
});
