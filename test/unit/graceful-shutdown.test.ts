import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createShutdown } from '../../src/server/graceful-shutdown.js';

const logger = createLogger('silent');
let server: Server | undefined;
afterEach(() => server?.closeAllConnections());

/** A server whose one route answers after `delayMs`, standing in for a callback waiting on Adobe. */
async function slowServer(delayMs: number): Promise<string> {
  server = createServer((_req, res) => void setTimeout(() => res.end('done'), delayMs));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('graceful shutdown', () => {
  it('When a signal arrives during a request, then the request finishes, the services close, and the exit code is 0', async () => {
    const url = await slowServer(300);
    const events: string[] = [];
    const inFlight = fetch(url).then(async (r) => events.push(`response ${r.status} ${await r.text()}`));
    await new Promise((r) => setTimeout(r, 50));
    const shutdown = createShutdown({
      server: server!,
      logger,
      timeoutMs: 5000,
      close: async () => void events.push('services closed'),
      exit: (code) => void events.push(`exit ${code}`),
    });
    await shutdown('SIGTERM');
    await inFlight;
    expect(events).toEqual(['response 200 done', 'services closed', 'exit 0']);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('When a request outlasts the shutdown timeout, then it exits 1 without waiting for it', async () => {
    const url = await slowServer(10_000);
    const codes: number[] = [];
    void fetch(url).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const shutdown = createShutdown({
      server: server!,
      logger,
      timeoutMs: 200,
      close: async () => undefined,
      exit: (c) => void codes.push(c),
    });
    void shutdown('SIGTERM');
    await new Promise((r) => setTimeout(r, 400));
    expect(codes).toEqual([1]);
  });

  it('When a second signal arrives, then it exits 1 at once', async () => {
    await slowServer(10_000);
    const codes: number[] = [];
    const shutdown = createShutdown({
      server: server!,
      logger,
      timeoutMs: 5000,
      close: async () => undefined,
      exit: (c) => void codes.push(c),
    });
    void fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    void shutdown('SIGTERM');
    await shutdown('SIGINT');
    expect(codes).toEqual([1]);
  });
});
