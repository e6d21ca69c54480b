/**
 * Where the bench's helper processes (the simulators, the service, the reference) come from. By default from
 * JavaScript that tsc compiles into dist/bench-build/ at the start of the run, because that is what production runs
 * (`npm start` runs tsc's dist/src/index.js), and the reference is compiled the same way. Tests run the TypeScript
 * through tsx instead, which costs more per request: tsx compiles with esbuild's `keepNames`, so each function the
 * code creates (every per-request closure) also goes through a `__name()` helper that defines its name, and it turns
 * on source maps for stack traces (measured: README, "Performance"). BENCH_FROM_SOURCE=1 runs the sources through tsx
 * (no build step: a quicker look at an edit, at tsx's cost).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findProjectRoot } from '../src/config/project-root.js';

export type HelperScript = 'simulators-process' | 'service-process' | 'reference-service';

const fromSource = process.env.BENCH_FROM_SOURCE === '1';
const root = findProjectRoot();
let built = false;

/** The path to run for `name`: compiled (built once per bench process) unless BENCH_FROM_SOURCE=1. */
export function helperScript(name: HelperScript): string {
  if (fromSource) return join(root, 'bench', `${name}.ts`);
  if (!built) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.bench.json')], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  return join(root, 'dist', 'bench-build', 'bench', `${name}.js`);
}
