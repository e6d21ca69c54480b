/**
 * npm run bench — complete Connect HubSpot flows (start → consent → callback → final page) against the
 * simulators: first side by side with a minimal node:http implementation of the same hops
 * (bench/compare-reference.ts: CPU per flow and flows/s as ratios, at concurrency 1, 10 and 50), then at
 * concurrency 1, 10, 50 and 200, without and with Redis. Not part of npm test.
 *
 * Three kinds of process: the simulators (bench/simulators-process.ts), one fresh service (or reference) instance
 * per run (bench/service-process.ts, so peak RSS and "one IMS token per lifetime" are per run), and this driver
 * (the browsers, bench/drive-flows.ts). The first two run as tsc compiles them, as production does (`npm start`),
 * not through tsx as the tests do (bench/helper-scripts.ts; BENCH_FROM_SOURCE=1 for tsx). Loopback only; bounded:
 * BENCH_FLOWS flows per run (default max(200, 2 × concurrency)), BENCH_ABANDONED abandoned flow starts (default
 * 5,000); the comparison runs BENCH_ROUNDS alternated rounds (default 3) of BENCH_WARMUP (60) + BENCH_COMPARE_FLOWS
 * (200) flows at each of BENCH_LEVELS (comma-separated concurrencies, default 1,10,50).
 * BENCH_ONLY=compare or BENCH_ONLY=table runs one part. REDIS_URL (default redis://127.0.0.1:6379) for the
 * Redis runs; they are skipped if it does not answer. Every key a run writes is under a prefix of its own and
 * deleted afterwards. The Redis runs also need PostgreSQL (DATABASE_URL, required with REDIS_URL): each creates a
 * database of its own on 127.0.0.1:5432 and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { Config } from '../src/config/config.js';
import { BrowserAgent } from '../test/support/browser-agent.js';
import { liveEnvFor, processHandle, spawnScript } from '../test/support/instance-process.js';
import { createTestDatabase } from '../test/support/postgres.js';
import { compareWithReference, printComparison } from './compare-reference.js';
import { getJson, measureFlows, pool } from './drive-flows.js';
import { helperScript } from './helper-scripts.js';

const CONCURRENCY = [1, 10, 50, 200];
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ABANDONED = Number(process.env.BENCH_ABANDONED ?? 5_000);
const flowsFor = (c: number) => Number(process.env.BENCH_FLOWS ?? Math.max(200, 2 * c));

interface ServiceStats {
  rss: number;
  peakRss: number;
  heapUsed: number;
  upstreamConnections: number;
}

async function run(config: Config, statsUrl: string, concurrency: number, redis: boolean) {
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const database = redis ? await createTestDatabase('bench') : undefined;
  const env = liveEnvFor(config, {
    RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '100000',
    ...(redis ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}),
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const { child, first } = await spawnScript<{ url: string; statsUrl: string }>(helperScript('service-process'), env, ['--expose-gc']);
  const service = processHandle(child, first.url);
  try {
    const imsBefore = (await getJson<{ imsTokens: number }>(statsUrl)).imsTokens;
    const measured = await measureFlows(first.url, first.statsUrl, flowsFor(concurrency), concurrency);
    const imsTokens = (await getJson<{ imsTokens: number }>(statsUrl)).imsTokens - imsBefore;
    const afterFlows = await getJson<ServiceStats>(`${first.statsUrl}?gc=1`);
    await pool(ABANDONED, 50, async () => {
      const res = await new BrowserAgent().get(`${first.url}/connect`);
      await res.arrayBuffer();
      return 0;
    });
    const afterAbandoned = await getJson<ServiceStats>(`${first.statsUrl}?gc=1`);
    return {
      store: redis ? 'redis' : 'memory',
      concurrency,
      ...measured,
      imsTokens,
      upstreamConnections: afterFlows.upstreamConnections,
      peakRssMiB: afterAbandoned.peakRss / 2 ** 20,
      kbPer1000Abandoned: (afterAbandoned.rss - afterFlows.rss) / 1024 / (ABANDONED / 1000),
      heapBytesPerAbandoned: (afterAbandoned.heapUsed - afterFlows.heapUsed) / ABANDONED,
    };
  } finally {
    await service.stop();
    if (redis) await deletePrefix(prefix);
    await database?.drop();
  }
}

async function redisAnswers(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

async function deletePrefix(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  await client.close();
}

const sims = await spawnScript<{ config: Config; statsUrl: string }>(helperScript('simulators-process'), {});
const simulators = processHandle(sims.child, sims.first.statsUrl);
const only = process.env.BENCH_ONLY;
try {
  if (only !== 'table') {
    const levels = (process.env.BENCH_LEVELS ?? '1,10,50').split(',').map(Number);
    const options = {
      levels,
      rounds: Number(process.env.BENCH_ROUNDS ?? 3),
      warmup: Number(process.env.BENCH_WARMUP ?? 60),
      flows: Number(process.env.BENCH_COMPARE_FLOWS ?? 200),
    };
    console.log(`Against the minimal node:http reference (medians of ${options.rounds} alternated rounds, memory store):`);
    printComparison(await compareWithReference(sims.first.config, options));
    console.log('');
  }
  if (only !== 'compare') await benchTable();
} finally {
  await simulators.stop();
}

async function benchTable(): Promise<void> {
  const rows = [];
  const modes = (await redisAnswers()) ? [false, true] : [false];
  if (modes.length === 1) console.log(`Redis at ${REDIS_URL} does not answer: memory runs only.`);
  for (const redis of modes) for (const c of CONCURRENCY) rows.push(await run(sims.first.config, sims.first.statsUrl, c, redis));
  console.log(
    '| store | concurrency | flows | via progress page | flows/s | p50 ms | p95 ms | p99 ms | IMS token requests | upstream TCP connections | peak RSS MiB | RSS KB per 1,000 abandoned | heap bytes per abandoned |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.store} | ${r.concurrency} | ${r.flows} | ${r.viaProgressPage} | ${r.flowsPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.imsTokens} | ${r.upstreamConnections} | ${r.peakRssMiB.toFixed(0)} | ${r.kbPer1000Abandoned.toFixed(0)} | ${r.heapBytesPerAbandoned.toFixed(0)} |`,
    );
}
