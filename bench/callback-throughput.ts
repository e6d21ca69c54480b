/**
 * Benchmark: full Connect HubSpot click-throughs against the simulators on loopback.
 * Each iteration: GET /connect → consent (Grant) → GET callback (exchange, introspect, IMS, Flow Service
 * find + create/patch, explore) → GET result. Also measures flow starts (/connect) on their own.
 * Bounded: BENCH_FLOWS iterations (default 300) at BENCH_CONCURRENCY (default 8); stops by itself.
 *   npm run bench
 */
import { performance } from 'node:perf_hooks';
import { decideConsent } from '../src/sandbox/hubspot/index.js';
import { startHarness } from '../test/support/harness.js';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: '10000' } });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (name: string, samples: number[], wallMs: number) => {
  const s = [...samples].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(22)} n=${s.length}  ${(s.length / (wallMs / 1000)).toFixed(1)}/s  p50=${pct(s, 50).toFixed(1)}ms  p95=${pct(s, 95).toFixed(1)}ms  max=${s.at(-1)!.toFixed(1)}ms`,
  );
};

async function pool(count: number, work: () => Promise<number>): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next += 1;
        samples.push(await work());
      }
    }),
  );
  return { samples, wallMs: performance.now() - started };
}

try {
  // Warm-up: JIT, IMS token, keep-alive sockets.
  await h.connect(h.browser());

  const starts = await pool(FLOWS, async () => {
    const t = performance.now();
    await h.startConnect(h.browser());
    return performance.now() - t;
  });
  summary('GET /connect', starts.samples, starts.wallMs);

  const callbacks: number[] = [];
  const flows = await pool(FLOWS, async () => {
    const browser = h.browser();
    const t = performance.now();
    const authorizeUrl = await h.startConnect(browser);
    const consent = await decideConsent(authorizeUrl, 'grant');
    const c = performance.now();
    const callback = await browser.get(new URL(consent.headers.get('location')!, authorizeUrl).toString());
    callbacks.push(performance.now() - c);
    const result = await browser.get(new URL(callback.headers.get('location')!, h.url).toString());
    if (result.status !== 200) throw new Error(`result page answered ${result.status}`);
    await result.arrayBuffer();
    return performance.now() - t;
  });
  summary('full click-through', flows.samples, flows.wallMs);
  summary('GET callback', callbacks, flows.wallMs);
  const mem = process.memoryUsage();
  console.log(
    `connections in Flow Service simulator: ${h.sandbox.flowService.connections().length}; IMS tokens minted: ${h.sandbox.ims.tokensIssued()}`,
  );
  console.log(
    `rss=${(mem.rss / 2 ** 20).toFixed(0)}MiB heapUsed=${(mem.heapUsed / 2 ** 20).toFixed(0)}MiB (service, simulators and client in one process)`,
  );
} finally {
  await h.close();
}
