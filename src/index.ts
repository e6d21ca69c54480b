import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { loadConfig } from './config/load-config.js';
import { readEnvFile } from './config/read-env-file.js';
import { createLogger } from './logging/logger.js';
import { handleShutdownSignals } from './server/graceful-shutdown.js';
import { listen, listenProblem } from './server/listen.js';
import { createMetricsApp } from './ops/metrics-app.js';
import { buildServices } from './services.js';

/**
 * The entry point and only composition root: reads the environment (and the project's `.env`),
 * validates it, starts the simulators in demo mode, builds the app, listens, and shuts down gracefully.
 * Nothing else reads process.env.
 */
async function main(): Promise<void> {
  const envFile = readEnvFile();
  const result = loadConfig(process.env);
  if (!result.ok) {
    process.stderr.write(
      `The service cannot start; fix these settings (in the environment or ${envFile ?? 'a .env file in the project folder'}):\n` +
        `${result.problems.map((p) => `  - ${p}`).join('\n')}\nEvery variable is described in .env.example and the README.\n`,
    );
    process.exit(1);
  }
  let config: Config = result.config;
  const logger = createLogger(config.logLevel, undefined, { pretty: config.development && process.stdout.isTTY });
  // The simulators (with ajv, yaml and Adobe's OpenAPI file) are loaded only in demo mode.
  const demo = config.mode === 'demo' ? await (await import('./demo/start-demo.js')).startDemo(config, { demoPartner: true }) : undefined;
  if (demo) {
    config = demo.config;
    process.stdout.write(`${demo.banner.join('\n')}\n`);
  }
  const services = buildServices(config, logger);
  if (!config.database) {
    logger.warn('DATABASE_URL is not set: connections and events are kept in memory and are not kept across restarts');
  }
  await services.ready().catch(async (err: Error) => {
    process.stderr.write(
      `The service cannot start: the database at DATABASE_URL cannot be reached or migrated (${err.message}). ` +
        'Check that PostgreSQL is running, that the address, user and password are right, and that the user may create tables.\n',
    );
    await services.close({ graceMs: 0 });
    await demo?.close();
    process.exit(1);
  });
  const server = await listen(createApp(services), config.host, config.port).catch(async (err: NodeJS.ErrnoException) => {
    process.stderr.write(`${listenProblem(err, config.host, config.port) ?? `Cannot listen: ${err.message}`}\n`);
    await demo?.close();
    process.exit(1);
  });
  logger.info({ url: config.publicBaseUrl, mode: config.mode, envFile }, `listening on ${config.publicBaseUrl}`);
  // Prometheus scrapes on a port of its own, never the public one (README "Running several instances").
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : createMetricsApp(services.metrics).listen({ port: config.metricsPort, ...(config.host ? { host: config.host } : {}) });
  handleShutdownSignals({
    server,
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    close: async () => {
      metricsServer?.close();
      await services.close();
      await demo?.close();
    },
  });
}

await main();
