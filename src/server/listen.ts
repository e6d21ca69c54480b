import type { Server } from 'node:http';
import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';

/** Why `listen` failed, in words an operator can act on; undefined for errors we have no advice for. */
export function listenProblem(err: NodeJS.ErrnoException, host: string | undefined, port: number): string | undefined {
  const where = `${host ?? 'every interface'} port ${port}`;
  if (err.code === 'EADDRINUSE') {
    return (
      `Cannot listen on ${where}: another program is already using it. Stop that program ` +
      `(\`lsof -i :${port}\` or \`ss -ltnp | grep ${port}\` shows which), or set PORT to a free port.`
    );
  }
  if (err.code === 'EACCES')
    return `Cannot listen on ${where}: permission denied. Ports below 1024 need privileges; use PORT=3000 behind a proxy.`;
  if (err.code === 'EADDRNOTAVAIL')
    return `Cannot listen on ${where}: HOST is not an address of this machine. Unset HOST to listen everywhere.`;
  return undefined;
}

/** Starts an HTTP server and resolves once it listens, or rejects with the listen error. */
export function listen(app: RequestListener, host: string | undefined, port: number): Promise<Server> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
