/**
 * Benchmark helper process: one service instance, configured from the environment (live mode against the
 * simulators' process), with a second port serving GET /stats: RSS, peak RSS (VmHWM) and outgoing TCP
 * connections to the upstreams (net.client.socket, Redis excluded). Run with --expose-gc so /stats?gc=1
 * measures live memory, not garbage.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/logger.js';
import { buildServices } from '../src/services.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const redisPort = loaded.config.redis ? Number(new URL(loaded.config.redis.url).port || 6379) : -1;
let upstreamConnections = 0;
subscribe('net.client.socket', (message) => {
  const { socket } = message as { socket: Socket };
  socket.once('connect', () => {
    if (socket.remotePort !== redisPort) upstreamConnections += 1;
  });
});

const services = buildServices(loaded.config, createLogger('silent'));
const server = createServer(createApp(services));
const stats = createServer((req, res) => {
  if (req.url?.includes('gc=1')) (globalThis as { gc?: () => void }).gc?.();
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ rss: kb('VmRSS'), peakRss: kb('VmHWM'), heapUsed: process.memoryUsage().heapUsed, upstreamConnections }));
});
server.listen(0, '127.0.0.1', () =>
  stats.listen(0, '127.0.0.1', () => {
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    process.stdout.write(`${JSON.stringify({ url, statsUrl: `http://127.0.0.1:${(stats.address() as AddressInfo).port}` })}\n`);
  }),
);
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void services.close().then(() => process.exit(0)));
});
