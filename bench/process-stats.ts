/**
 * GET /stats for a benchmark helper process, on a port of its own: RSS, peak RSS (VmHWM), live heap, CPU time
 * used so far (user + system, µs) and outgoing TCP connections to the upstreams (net.client.socket, the Redis
 * port excluded). Run with --expose-gc so /stats?gc=1 measures live memory, not garbage. /stats?profile=start and
 * /stats?profile=<file> start and stop V8's CPU profiler, so that a profile (for chrome://inspect or a script
 * aggregating self time by module) covers the measured flows only, not start-up and warm-up.
 */
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
  let profiler: Session | undefined;
  return createServer(async (req, res) => {
    if (req.url?.includes('gc=1')) (globalThis as { gc?: () => void }).gc?.();
    const profile = new URL(req.url ?? '/', 'http://localhost').searchParams.get('profile');
    if (profile === 'start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    } else if (profile && profiler) {
      const { profile: taken } = await profiler.post('Profiler.stop');
      writeFileSync(profile, JSON.stringify(taken));
      profiler.disconnect();
      profiler = undefined;
    }
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
