/**
 * The bench's browsers: complete Connect HubSpot flows against a service (ours or the reference), as many at
 * once as asked, and measure them — end-to-end times, flows per second, how many went through the progress
 * page, and the service's CPU time per flow (from its GET /stats, bench/process-stats.ts).
 */
import { performance } from 'node:perf_hooks';
import { decideConsent } from '../src/demo/hubspot/index.js';
import { BrowserAgent } from '../test/support/browser-agent.js';

export const getJson = async <T>(url: string) => (await (await fetch(url)).json()) as T;

export async function pool<T>(count: number, concurrency: number, work: () => Promise<T>): Promise<{ results: T[]; wallMs: number }> {
  const results: T[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        results.push(await work());
      }
    }),
  );
  return { results, wallMs: performance.now() - started };
}

/** One click-through as a browser does it: its end-to-end time in ms, and whether it saw the progress page. */
async function flow(url: string): Promise<{ ms: number; viaProgressPage: boolean }> {
  const browser = new BrowserAgent();
  const t = performance.now();
  const start = await browser.get(`${url}/connect`);
  const consent = await decideConsent(start.headers.get('location')!, 'grant');
  const back = new URL(consent.headers.get('location')!);
  const callback = await browser.get(`${url}${back.pathname}${back.search}`);
  const resultUrl = new URL(callback.headers.get('location')!, url).toString();
  // A browser on the progress page reloads it as its meta refresh says; the flow ends on the final page.
  for (let shown = 0; ; shown += 1) {
    const result = await browser.get(resultUrl);
    const html = await result.text();
    const refresh = /http-equiv="refresh" content="(\d+)"/.exec(html);
    if (!refresh) {
      if (result.status !== 200) throw new Error(`result page answered ${result.status}`);
      return { ms: performance.now() - t, viaProgressPage: shown > 0 };
    }
    await new Promise((resolve) => setTimeout(resolve, Number(refresh[1]) * 1000));
  }
}

export interface FlowMeasure {
  flows: number;
  flowsPerSecond: number;
  viaProgressPage: number;
  /** Service CPU time (user + system) per flow, in ms. */
  cpuMsPerFlow: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `count` flows at `concurrency`, measured from the service's own CPU counter. */
export async function measureFlows(url: string, statsUrl: string, count: number, concurrency: number): Promise<FlowMeasure> {
  const cpuBefore = (await getJson<{ cpuMicros: number }>(statsUrl)).cpuMicros;
  const { results, wallMs } = await pool(count, concurrency, () => flow(url));
  const cpuAfter = (await getJson<{ cpuMicros: number }>(statsUrl)).cpuMicros;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return {
    flows: results.length,
    flowsPerSecond: results.length / (wallMs / 1000),
    viaProgressPage: results.filter((r) => r.viaProgressPage).length,
    cpuMsPerFlow: (cpuAfter - cpuBefore) / 1000 / results.length,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
  };
}

export const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
