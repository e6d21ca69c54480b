import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Listening {
  /** Base URL, e.g. `http://localhost:41234` (no trailing slash). */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens on the loopback interface only. `port` 0 picks a free port. The URL uses the name
 * `localhost` because HubSpot refuses IP addresses in redirect URIs, and the simulators are
 * addressed the same way as the service itself.
 */
export function listenOnLoopback(app: Express, port = 0): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1');
    server.once('error', reject);
    server.once('listening', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://localhost:${actual}`,
        port: actual,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
