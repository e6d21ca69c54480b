/**
 * npm run bench:profile — where the service's CPU goes. Starts the simulators and one service instance (memory
 * store), warms it up, then runs V8's CPU profiler over PROFILE_FLOWS flows (default 400) at PROFILE_CONCURRENCY
 * (default 10) only, and prints self time aggregated by package (node_modules), by file of src/, and for Node's own
 * work (GC, socket writes, microtasks), plus the top functions. The raw profile is kept (PROFILE_OUT, default
 * /tmp/service.cpuprofile) for chrome://inspect. The processes run compiled by tsc, as in `npm run bench`
 * (bench/helper-scripts.ts), so functions and files are named after dist/bench-build/. PROFILE_OFF=1 measures CPU
 * per flow without the profiler. PROFILE_TARGET=reference profiles the reference the same way.
 */
import type { Config } from '../src/config/config.js';
import { liveEnvFor, processHandle, spawnScript } from '../test/support/instance-process.js';
import { getJson, measureFlows } from './drive-flows.js';
import { readFileSync } from 'node:fs';
import { helperScript } from './helper-scripts.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const flows = Number(process.env.PROFILE_FLOWS ?? 400);
const concurrency = Number(process.env.PROFILE_CONCURRENCY ?? 10);
const out = process.env.PROFILE_OUT ?? '/tmp/service.cpuprofile';
/** PROFILE_TARGET=reference profiles the minimal node:http reference (bench/reference-service.ts) instead. */
const target = process.env.PROFILE_TARGET === 'reference' ? 'reference-service' : 'service-process';

/** The bucket a frame's self time goes to: a package, a file of src/, or what Node itself was doing. */
function bucketOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (!url) return `(node) ${frame.functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src|bench|test)\/(.+)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return url;
  return url;
}

function aggregate(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    const bucket = bucketOf(frame);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
    const fn = `${frame.functionName || 'anonymous'} ${bucket}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const busy = total - (buckets.get('(node) (idle)') ?? 0);
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k !== '(node) (idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / busy).toFixed(1).padStart(5)}%  ${(v / 1000 / flows).toFixed(3)} ms/flow  ${k}`);
  return { busyMs: busy / 1000, buckets: rows(buckets, 40), functions: rows(functions, 30) };
}

async function profiled(url: string, statsUrl: string): Promise<void> {
  await getJson(`${statsUrl}?profile=start`);
  const measured = await measureFlows(url, statsUrl, flows, concurrency);
  await getJson(`${statsUrl}?profile=${encodeURIComponent(out)}`);
  const { busyMs, buckets, functions } = aggregate(JSON.parse(readFileSync(out, 'utf8')) as Profile);
  console.log(
    `${flows} flows at concurrency ${concurrency}: ${measured.cpuMsPerFlow.toFixed(2)} ms CPU per flow (process), ${(busyMs / flows).toFixed(2)} ms sampled busy per flow; profile in ${out}\n`,
  );
  console.log(`Self time by package, src file or Node's own work:\n${buckets.join('\n')}\n`);
  console.log(`Top functions by self time:\n${functions.join('\n')}`);
}

const sims = await spawnScript<{ config: Config; statsUrl: string }>(helperScript('simulators-process'), {});
const simulators = processHandle(sims.child, sims.first.statsUrl);
try {
  const env = liveEnvFor(sims.first.config, { RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '100000' });
  const { child, first } = await spawnScript<{ url: string; statsUrl: string }>(helperScript(target), env);
  const service = processHandle(child, first.url);
  try {
    await measureFlows(first.url, first.statsUrl, 100, concurrency);
    if (process.env.PROFILE_OFF) {
      // The same flows without the profiler's own cost: CPU per flow only, for a quick before/after.
      const plain = await measureFlows(first.url, first.statsUrl, flows, concurrency);
      console.log(
        `${flows} flows at concurrency ${concurrency}: ${plain.cpuMsPerFlow.toFixed(2)} ms CPU per flow, ${plain.flowsPerSecond.toFixed(1)} flows/s`,
      );
    } else {
      await profiled(first.url, first.statsUrl);
    }
  } finally {
    await service.stop();
  }
} finally {
  await simulators.stop();
}
