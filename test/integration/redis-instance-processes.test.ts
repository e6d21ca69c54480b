import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { startDemo, type DemoServices } from '../../src/demo/start-demo.js';
import { BrowserAgent } from '../support/browser-agent.js';
import { liveEnvFor, startInstanceProcess, type InstanceProcess } from '../support/instance-process.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { randomPrefix, REDIS_URL } from '../support/redis.js';

describe('Instances as separate processes on one Redis', () => {
  let sandbox: DemoServices | undefined;
  let database: TestDatabase | undefined;
  const processes: InstanceProcess[] = [];
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await sandbox?.close();
    await database?.drop();
  });

  it('When the instance a flow started on is SIGKILLed during consent, then the other completes the flow', async () => {
    const loaded = loadConfig({ PUBLIC_BASE_URL: 'http://localhost:1' });
    if (!loaded.ok) throw new Error(loaded.problems.join());
    sandbox = await startDemo(loaded.config);
    const env = liveEnvFor(sandbox.config, {
      REDIS_URL,
      REDIS_KEY_PREFIX: randomPrefix('processes'),
      DATABASE_URL: (database = await createTestDatabase('processes')).url,
    });
    const [a, b] = await Promise.all([startInstanceProcess(env), startInstanceProcess(env)]);
    processes.push(a, b);
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
