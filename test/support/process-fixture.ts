import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startDemo, type DemoServices } from '../../src/demo/start-demo.js';
import { liveEnvFor, startInstanceProcess, type InstanceProcess } from './instance-process.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { randomPrefix, REDIS_URL } from './redis.js';

/**
 * Instances of the real service as separate processes, as a deployment runs them: the simulators in this process,
 * one Redis prefix and one fresh PostgreSQL database shared by the instances of a test, all removed after it.
 */
export function processDeployment(name: string) {
  let sandbox: DemoServices | undefined;
  let database: TestDatabase | undefined;
  const processes: InstanceProcess[] = [];
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    await sandbox?.close();
    await database?.drop();
    sandbox = undefined;
    database = undefined;
  });
  return {
    /** Starts the simulators and returns them with the environment every instance of this test shares. */
    async setUp(): Promise<{ sandbox: DemoServices; env: Record<string, string> }> {
      const loaded = loadConfig({ PUBLIC_BASE_URL: 'http://localhost:1' });
      if (!loaded.ok) throw new Error(loaded.problems.join());
      sandbox = await startDemo(loaded.config);
      database = await createTestDatabase(name);
      const env = liveEnvFor(sandbox.config, { REDIS_URL, REDIS_KEY_PREFIX: randomPrefix(name), DATABASE_URL: database.url });
      return { sandbox, env };
    },
    /** One more instance on `env`, killed after the test if it is still running. */
    async instance(env: Record<string, string>): Promise<InstanceProcess> {
      const started = await startInstanceProcess(env);
      processes.push(started);
      return started;
    },
  };
}
