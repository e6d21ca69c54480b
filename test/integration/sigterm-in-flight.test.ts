import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { startDemo, type DemoServices } from '../../src/demo/start-demo.js';
import { BrowserAgent } from '../support/browser-agent.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { liveEnvFor, startInstanceProcess, type InstanceProcess } from '../support/instance-process.js';
import { randomPrefix, REDIS_URL } from '../support/redis.js';

const CONNECTIONS = '/data/foundation/flowservice/connections';

/**
 * The README: on SIGTERM the server stops taking connections, requests in flight finish, running completion
 * jobs drain, then the process exits 0. Here with the real app and its real shutdown, in its own process.
 */
describe('SIGTERM with a callback and a completion job in flight', () => {
  let sandbox: DemoServices | undefined;
  let database: TestDatabase | undefined;
  const processes: InstanceProcess[] = [];
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await sandbox?.close();
    await database?.drop();
  });

  it('When the instance is told to stop mid-callback and mid-completion, then both finish and the flow is connected', async () => {
    const loaded = loadConfig({ PUBLIC_BASE_URL: 'http://localhost:1' });
    if (!loaded.ok) throw new Error(loaded.problems.join());
    sandbox = await startDemo(loaded.config);
    const env = liveEnvFor(sandbox.config, {
      REDIS_URL,
      REDIS_KEY_PREFIX: randomPrefix('sigterm'),
      DATABASE_URL: (database = await createTestDatabase('sigterm')).url,
    });
    const a = await startInstanceProcess(env);
    processes.push(a);
    // The create takes 2 s: the callback's fast path (800 ms) ends first, and the job is still running when SIGTERM comes.
    sandbox.flowService.faults.inject({ method: 'POST', path: CONNECTIONS }, { delayMs: 2_000 });
    const browser = new BrowserAgent();
    const start = await browser.get(`${a.url}/connect`);
    const consent = await decideConsent(start.headers.get('location')!, 'grant');
    const callback = new URL(consent.headers.get('location')!);
    const inFlight = browser.get(new URL(`${callback.pathname}${callback.search}`, a.url).toString());
    await expect.poll(() => sandbox!.flowService.requests.find('POST', CONNECTIONS).length, { timeout: 10_000, interval: 20 }).toBe(1);
    const stopped = a.stop();

    const answer = await inFlight;
    expect(answer.status).toBe(303);
    const resultPath = answer.headers.get('location')!;
    expect(resultPath).toMatch(/^\/result\//);
    await stopped;
    expect(a.exitCode()).toBe(0);
    // The job finished before the process exited: the connection exists and the flow reads connected.
    expect(sandbox.flowService.connections()).toHaveLength(1);
    const b = await startInstanceProcess(env);
    processes.push(b);
    const page = await browser.get(new URL(resultPath, b.url).toString());
    expect(await page.text()).toContain('HubSpot is connected');
  }, 60_000);
});
