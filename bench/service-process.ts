/**
 * Benchmark helper process: one service instance, configured from the environment (live mode against the
 * simulators' process), with a second port serving GET /stats (bench/process-stats.ts).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { pino } from 'pino';
import { createLogger } from '../src/logging/logger.js';
import { buildServices } from '../src/services.js';
import { processStats } from './process-stats.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const redisPort = loaded.config.redis ? Number(new URL(loaded.config.redis.url).port || 6379) : -1;
const stats = processStats(redisPort);

// At warn, as in production; lines go to stderr (the bench's terminal), stdout carries only the ready line.
const services = buildServices(loaded.config, createLogger(process.env.BENCH_LOG_LEVEL ?? 'warn', pino.destination(2)));
const server = createServer(createApp(services));
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
