/**
 * One service instance as its own OS process, for tests that SIGKILL or SIGTERM an instance
 * (test/support/instance-process.ts). Like src/index.ts, with its graceful shutdown, but with no simulators of
 * its own: the environment points it at the test's simulators. Prints one JSON line `{"url": …}` once it listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { handleShutdownSignals } from '../../src/server/graceful-shutdown.js';
import { buildServices } from '../../src/services.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${loaded.problems.join('\n')}\n`);
  process.exit(1);
}
const logger = createLogger('warn', process.stderr);
const services = buildServices(loaded.config, logger);
await services.ready();
const server = createServer(createApp(services));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://localhost:${(server.address() as AddressInfo).port}` })}\n`);
});
handleShutdownSignals({ server, logger, timeoutMs: loaded.config.shutdownTimeoutMs, close: () => services.close() });
