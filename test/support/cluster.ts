import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { startDemo, type DemoServices } from '../../src/demo/start-demo.js';
import { buildServices } from '../../src/services.js';
import { BrowserAgent } from './browser-agent.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { randomPrefix, REDIS_URL } from './redis.js';

/** One instance of the service on its own port, with its own adapters (its own IMS cache, Redis clients, queue). */
export interface Instance {
  url: string;
  services: ReturnType<typeof buildServices>;
  logLines: string[];
  close(): Promise<void>;
}

/**
 * Several instances behind an imaginary load balancer: one shared config (one public URL, one session
 * secret, one REDIS_URL and key prefix, one DATABASE_URL) and one set of simulators, as N processes of one
 * deployment would have. With Redis and no DATABASE_URL given, a database of its own is created (dropped on close). Tests pick which instance each request reaches with `on(instance, url)`.
 */
export async function startCluster(options: { instances?: number; env?: Record<string, string>; redis?: boolean } = {}) {
  const database: TestDatabase | undefined =
    options.redis === false || options.env?.DATABASE_URL ? undefined : await createTestDatabase('cluster');
  const env: Record<string, string> = {
    LOG_LEVEL: 'info',
    UPSTREAM_TIMEOUT_MS: '5000',
    SESSION_SECRET: 'cluster-test-secret-0123456789abcdefghij',
    PUBLIC_BASE_URL: 'http://localhost:1',
    ...(options.redis === false ? {} : { REDIS_URL, REDIS_KEY_PREFIX: randomPrefix('cluster') }),
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const sandbox: DemoServices = await startDemo(loaded.config);
  const config: Config = sandbox.config;
  const instances: Instance[] = [];
  const cluster = {
    config,
    sandbox,
    instances,
    browser: () => new BrowserAgent(),
    /** Starts one more instance (e.g. after a restart) and returns it. */
    async start(): Promise<Instance> {
      const instance = await startInstance(config);
      instances.push(instance);
      return instance;
    },
    /** `url` (built on the public URL, or any instance's) rewritten to reach `instance`. */
    on(instance: Instance, url: string): string {
      const target = new URL(url, config.publicBaseUrl);
      const base = new URL(instance.url);
      target.protocol = base.protocol;
      target.host = base.host;
      return target.toString();
    },
    /** GET /connect on `instance`, then Grant on HubSpot's consent page: returns the callback URL HubSpot sends back. */
    async startAndConsent(browser: BrowserAgent, instance: Instance): Promise<string> {
      const res = await browser.get(`${instance.url}/connect`);
      if (res.status !== 302) throw new Error(`/connect answered ${res.status}`);
      const authorizeUrl = res.headers.get('location')!;
      const consent = await decideConsent(authorizeUrl, 'grant');
      return new URL(consent.headers.get('location') ?? '', authorizeUrl).toString();
    },
    /** The callback on `instance`, then the result page it redirects to, on `resultOn` (default: the same instance). */
    async finish(browser: BrowserAgent, callbackUrl: string, instance: Instance, resultOn: Instance = instance) {
      const callback = await browser.get(cluster.on(instance, callbackUrl));
      const location = callback.headers.get('location');
      if (!location) return { callback, result: callback, html: await callback.text() };
      const result = await browser.get(cluster.on(resultOn, location));
      return { callback, result, html: await result.text() };
    },
    async close() {
      await Promise.all(instances.splice(0).map((i) => i.close()));
      await sandbox.close();
      await database?.drop();
    },
  };
  for (let i = 0; i < (options.instances ?? 2); i += 1) await cluster.start();
  return cluster;
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>;

async function startInstance(config: Config): Promise<Instance> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const services = buildServices(config, createLogger('info', sink));
  await services.ready();
  const server: Server = createServer(createApp(services));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    services,
    logLines,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close({ graceMs: 2_000 });
    },
  };
}
