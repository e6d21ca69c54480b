import { describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { BrowserAgent } from '../support/browser-agent.js';
import { processDeployment } from '../support/process-fixture.js';

const CONNECTIONS = '/data/foundation/flowservice/connections';

/**
 * The README: on SIGTERM the server stops taking connections, requests in flight finish, running completion
 * jobs drain, then the process exits 0. Here with the real app and its real shutdown, in its own process.
 */
describe('SIGTERM with a callback and a completion job in flight', () => {
  const deployment = processDeployment('sigterm');

  it('When the instance is told to stop mid-callback and mid-completion, then both finish and the flow is connected', async () => {
    const { sandbox, env } = await deployment.setUp();
    const a = await deployment.instance(env);
    // The create takes 2 s: the callback's fast path (800 ms) ends first, and the job is still running when SIGTERM comes.
    sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { delayMs: 2_000 });
    const browser = new BrowserAgent();
    const start = await browser.get(`${a.url}/connect`);
    const consent = await decideConsent(start.headers.get('location')!, 'grant');
    const callback = new URL(consent.headers.get('location')!);
    const inFlight = browser.get(new URL(`${callback.pathname}${callback.search}`, a.url).toString());
    await expect.poll(() => sandbox.flowService.requests.find('POST', CONNECTIONS).length, { timeout: 10_000, interval: 20 }).toBe(1);
    const stopped = a.stop();

    const answer = await inFlight;
    expect(answer.status).toBe(303);
    const resultPath = answer.headers.get('location')!;
    expect(resultPath).toMatch(/^\/result\//);
    await stopped;
    expect(a.exitCode()).toBe(0);
    // The job finished before the process exited: the connection exists and the flow reads connected.
    expect(sandbox.flowService.connections()).toHaveLength(1);
    const b = await deployment.instance(env);
    const page = await browser.get(new URL(resultPath, b.url).toString());
    expect(await page.text()).toContain('HubSpot is connected');
  }, 60_000);
});
