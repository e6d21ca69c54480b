import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { loadConfig } from './config/load-config.js';
import { createLogger } from './logging/logger.js';
import { startSandbox, type Sandbox } from './sandbox/start-sandbox.js';
import { buildServices } from './services.js';

/**
 * The entry point and only composition root: reads the environment (and `.env` when present), validates
 * it, starts the simulators in sandbox mode, builds the app and listens. Nothing else reads process.env.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const result = loadConfig(process.env);
  if (!result.ok) {
    process.stderr.write(
      `Configuration is invalid:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example and the README.\n`,
    );
    process.exit(1);
  }
  let config: Config = result.config;
  const logger = createLogger(config.logLevel);
  let sandbox: Sandbox | undefined;
  if (config.mode === 'sandbox') {
    sandbox = await startSandbox(config, { demoPartner: true });
    config = sandbox.config;
    process.stdout.write(`${sandbox.banner.join('\n')}\n`);
  }
  const services = buildServices(config, logger);
  const server: Server = createApp(services).listen(config.port);
  server.once('listening', () => logger.info({ url: config.publicBaseUrl, mode: config.mode }, `listening on ${config.publicBaseUrl}`));
  server.once('error', (err) => {
    logger.fatal({ err: { message: err.message } }, 'could not listen');
    process.exit(1);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // Give in-flight callbacks a moment to finish, but never hang forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      await services.close();
      await sandbox?.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
