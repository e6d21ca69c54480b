/**
 * GET /stats for a benchmark helper process, on a port of its own: RSS, peak RSS (VmHWM), live heap, CPU time
 * used so far (user + system, µs) and outgoing TCP connections to the upstreams (net.client.socket, the Redis
 * port excluded). Run with --expose-gc so /stats?gc=1 measures live memory, not garbage.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

export function processStats(redisPort = -1): Server {
  let upstreamConnections = 0;
  subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => {
      if (socket.remotePort !== redisPort) upstreamConnections += 1;
    });
  });
  return createServer((req, res) => {
    if (req.url?.includes('gc=1')) (globalThis as { gc?: () => void }).gc?.();
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const cpu = process.cpuUsage();
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        rss: kb('VmRSS'),
        peakRss: kb('VmHWM'),
        heapUsed: process.memoryUsage().heapUsed,
        cpuMicros: cpu.user + cpu.system,
        upstreamConnections,
      }),
    );
  });
}
