import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Every module reached from `file` through static imports (type-only imports and `import()` excluded). */
function staticGraph(file: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(file)) return { seen, packages };
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^'";]*?from\s+'([^']+)'/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) staticGraph(resolve(dirname(file), spec.replace(/\.js$/, '.ts')), seen, packages);
    else packages.add(spec);
  }
  return { seen, packages };
}

describe('what live mode loads', () => {
  const { seen, packages } = staticGraph(join(SRC, 'index.ts'));

  it('the entry point reaches the app, config and adapters statically', () => {
    expect([...seen].some((f) => f.endsWith('/src/app.ts'))).toBe(true);
    expect(packages.has('express')).toBe(true);
  });

  it('no simulator, ajv, yaml or OpenAPI document is loaded unless demo mode imports them', () => {
    expect([...seen].filter((f) => f.includes('/src/demo/'))).toEqual([]);
    expect([...packages].filter((p) => p === 'ajv' || p === 'yaml')).toEqual([]);
    expect(readFileSync(join(SRC, 'index.ts'), 'utf8')).toContain("await import('./demo/start-demo.js')");
  });
});
