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
export function createShutdown(options: ShutdownOptions): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      options.logger.warn({ signal }, 'second signal: exiting now');
      return exit(1);
    }
    stopping = true;
    options.logger.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down: finishing in-flight requests');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      options.logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting with requests or jobs unfinished');
      options.server.closeAllConnections();
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    const closed = new Promise<void>((resolve) => options.server.close(() => resolve()));
    // Keep-alive connections become idle once their request is answered; close them as they do,
    // rather than waiting for the client's keep-alive timeout.
    options.server.closeIdleConnections();
    const sweeper = setInterval(() => options.server.closeIdleConnections(), 100);
    await closed;
    clearInterval(sweeper);
    if (timedOut) return;
    await options.close();
    clearTimeout(timer);
    if (timedOut) return;
    options.logger.info('stopped');
    exit(0);
  };
  return shutdown;
}

/** Installs the shutdown on SIGTERM (orchestrators) and SIGINT (Ctrl-C). */
export function handleShutdownSignals(options: ShutdownOptions): void {
  const shutdown = createShutdown(options);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
