/**
 * The service against the floor: bench/reference-service.ts does the same hops against the same simulators with
 * nothing else. At each concurrency, rounds alternate a fresh reference process and a fresh service process (so
 * load from other work on the machine falls on both alike); each run warms up, then measures. The ratios are
 * medians over the rounds: service CPU per flow ÷ the reference's, and service flows/s ÷ the reference's.
 */
import type { Config } from '../src/config/config.js';
import { liveEnvFor, processHandle, spawnScript } from '../test/support/instance-process.js';
import { measureFlows, median, type FlowMeasure } from './drive-flows.js';
import { helperScript, type HelperScript } from './helper-scripts.js';

export interface Comparison {
  concurrency: number;
  rounds: number;
  reference: FlowMeasure[];
  service: FlowMeasure[];
}

async function runOnce(script: HelperScript, config: Config, concurrency: number, warmup: number, flows: number): Promise<FlowMeasure> {
  const env = liveEnvFor(config, { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '100000' });
  const { child, first } = await spawnScript<{ url: string; statsUrl: string }>(helperScript(script), env);
  const instance = processHandle(child, first.url);
  try {
    await measureFlows(first.url, first.statsUrl, warmup, concurrency);
    return await measureFlows(first.url, first.statsUrl, flows, concurrency);
  } finally {
    await instance.stop();
  }
}

export async function compareWithReference(
  config: Config,
  options: { levels: number[]; rounds: number; warmup: number; flows: number },
): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  for (const concurrency of options.levels) {
    const row: Comparison = { concurrency, rounds: options.rounds, reference: [], service: [] };
    for (let round = 0; round < options.rounds; round += 1) {
      // Alternate which goes first, so a drift in the machine's load does not favour one side.
      const order = round % 2 === 0 ? (['reference', 'service'] as const) : (['service', 'reference'] as const);
      for (const side of order) {
        const script = side === 'reference' ? 'reference-service' : 'service-process';
        row[side].push(await runOnce(script, config, concurrency, options.warmup, options.flows));
      }
    }
    rows.push(row);
  }
  return rows;
}

export function printComparison(rows: Comparison[]): void {
  console.log(
    '| concurrency | rounds | CPU ms/flow service | CPU ms/flow reference | CPU ratio (≤ 1.3) | flows/s service | flows/s reference | flows/s ratio (≥ 0.8) | p50 / p95 ms service | p50 / p95 ms reference | via progress page (service) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const m = (side: FlowMeasure[], pick: (f: FlowMeasure) => number) => median(side.map(pick));
    // Ratios per round (the two runs of a round ran side by side), then their median.
    const cpuRatio = median(r.service.map((s, i) => s.cpuMsPerFlow / r.reference[i]!.cpuMsPerFlow));
    const rateRatio = median(r.service.map((s, i) => s.flowsPerSecond / r.reference[i]!.flowsPerSecond));
    const progress = r.service.map((s) => `${s.viaProgressPage}/${s.flows}`).join(', ');
    console.log(
      `| ${r.concurrency} | ${r.rounds} | ${m(r.service, (f) => f.cpuMsPerFlow).toFixed(2)} | ${m(r.reference, (f) => f.cpuMsPerFlow).toFixed(2)} | ${cpuRatio.toFixed(2)}× | ${m(r.service, (f) => f.flowsPerSecond).toFixed(1)} | ${m(r.reference, (f) => f.flowsPerSecond).toFixed(1)} | ${rateRatio.toFixed(2)}× | ${m(r.service, (f) => f.p50).toFixed(1)} / ${m(r.service, (f) => f.p95).toFixed(1)} | ${m(r.reference, (f) => f.p50).toFixed(1)} / ${m(r.reference, (f) => f.p95).toFixed(1)} | ${progress} |`,
    );
  }
}
