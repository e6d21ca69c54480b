import { describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { BrowserAgent } from '../support/browser-agent.js';
import { eventually } from '../support/job-queue-contract.js';
import { processDeployment } from '../support/process-fixture.js';

/** Far above the callback's fast path (FAST_PATH_MS, 900 ms), below the instances' UPSTREAM_TIMEOUT_MS (10 s). */
const SLOW_LOOKUP_MS = 8_000;
/**
 * How long the other instance may take to finish the killed instance's flow: 30 s. A's flow lease (LEASE_MS,
 * 15 s) lapses, the progress page on B (or BullMQ's stalled check) resumes the flow, and B's Adobe step waits for
 * the per-portal connection lock A died holding, which A no longer renews, so it frees itself within its 15 s TTL.
 */
const RECOVERY_BUDGET_MS = 30_000;

describe('An instance killed mid-completion', () => {
  const deployment = processDeployment('kill');

  it('When SIGKILL hits the instance while its Adobe step is in flight, then the other instance finishes the flow with one connection', async () => {
    const { sandbox, env } = await deployment.setUp();
    const flowService = sandbox.flowService;
    // Only A runs at first, so the completion job is surely A's (with both up, either worker may take it).
    const a = await deployment.instance(env);

    // A's first Flow Service lookup is slow: the callback gives up waiting and answers with the progress page,
    // and A is still inside its Adobe step (holding the request open) when it dies.
    flowService.faults.inject({ method: 'GET', path: /\/connections$/ }, { delayMs: SLOW_LOOKUP_MS });
    const browser = new BrowserAgent();
    const start = await browser.get(`${a.url}/connect`);
    expect(start.status).toBe(302);
    const consent = await decideConsent(start.headers.get('location')!, 'grant');
    const callback = new URL(consent.headers.get('location')!);
    const answer = await browser.get(new URL(`${callback.pathname}${callback.search}`, a.url).toString());
    expect(answer.status).toBe(303);
    const resultPath = answer.headers.get('location') ?? '';
    expect(resultPath).toMatch(/^\/result\//);

    // The slow lookup has reached Flow Service and cannot have been answered yet: A's Adobe step is in flight.
    await eventually(() => flowService.requests.find('GET', /\/connections$/).length > 0, 5_000);
    const lookupSeenAt = Date.now();
    // B joins the deployment while A's step runs; its worker finds nothing queued to take.
    const b = await deployment.instance(env);
    expect(flowService.connections()).toHaveLength(0);
    await a.kill();
    const killedAt = Date.now();
    expect(killedAt - lookupSeenAt).toBeLessThan(SLOW_LOOKUP_MS);
    expect(flowService.connections()).toHaveLength(0);

    // The same browser (its session is in Redis) follows the progress page's meta refresh, now on B.
    let page: Response;
    let html: string;
    let progressPages = 0;
    for (;;) {
      page = await browser.get(new URL(resultPath, b.url).toString());
      html = await page.text();
      if (!html.includes('http-equiv="refresh"') || Date.now() - killedAt > RECOVERY_BUDGET_MS) break;
      progressPages += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const tookMs = Date.now() - killedAt;

    expect(progressPages).toBeGreaterThan(0);
    expect(page.status).toBe(200);
    expect(html).toContain('HubSpot is connected');
    expect(flowService.connections()).toHaveLength(1);
    expect(tookMs).toBeLessThan(RECOVERY_BUDGET_MS);
    // B did the Adobe step again after the kill (A never got past its lookup).
    expect(flowService.requests.find('POST', /\/connections$/).every((r) => r.at > killedAt)).toBe(true);
    expect(flowService.requests.find('GET', /\/connections$/).filter((r) => r.at > killedAt).length).toBeGreaterThan(0);
    console.log(`recovered in ${tookMs} ms after ${progressPages} progress pages`);
  }, 120_000);
});
