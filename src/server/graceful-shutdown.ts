import type { Server } from 'node:http';
import type { Logger } from '../logging/logger.js';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** Hard cap; long enough for a completion's chain of upstream deadlines (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  /** Releases everything after the last request: background jobs, stores, the demo simulators. */
  close(): Promise<void>;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, then close the
 * services (which drain background jobs) and exit 0. Past the timeout, or on a second signal, exit 1.
 * This is the shutdown Kubernetes and systemd expect (https://expressjs.com/en/advanced/healthcheck-graceful-shutdown.html).
 */
export function handleShutdownSignals(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal: exiting now');
      return exit(1);
    }
    stopping = true;
    options.logger.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting with requests or jobs unfinished');
      options.server.closeAllConnections();
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    const closed = new Promise<void>((resolve) => options.server.close(() => resolve()));
    options.server.closeIdleConnections();
    await closed;
    await options.close();
    clearTimeout(timer);
    options.logger.info('stopped');
    exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}
