import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import of every file under src/, type-only ones included (a type is a dependency too). */
const graph = new Map<string, string[]>(
  sourceFiles(SRC).map((file) => {
    const source = readFileSync(file, 'utf8');
    const targets = [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
    return [relative(SRC, file), targets];
  }),
);

/** The top-level folder (layer) of a path under src/, or the file name for top-level files. */
const layerOf = (path: string) => path.split('/')[0]!;

function importsOutside(layer: string, allowed: readonly string[]): string[] {
  return [...graph]
    .filter(([file]) => layerOf(file) === layer)
    .flatMap(([file, targets]) => targets.filter((t) => !allowed.includes(layerOf(t))).map((t) => `${file} -> ${t}`));
}

function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) visit(target);
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

describe('layers of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it('config depends on nothing but itself: every other layer may read it', () => {
    expect(importsOutside('config', ['config'])).toEqual([]);
  });

  it('errors, logging and i18n stand alone', () => {
    expect(importsOutside('errors', ['errors'])).toEqual([]);
    expect(importsOutside('i18n', ['i18n'])).toEqual([]);
    expect(importsOutside('logging', ['logging', 'config'])).toEqual([]);
  });

  it('adapters (http, hubspot, adobe) never reach into flows, partners, web, store or jobs', () => {
    const base = ['config', 'errors', 'logging', 'http'];
    expect(importsOutside('http', base)).toEqual([]);
    expect(importsOutside('hubspot', [...base, 'hubspot'])).toEqual([]);
    expect(importsOutside('adobe', [...base, 'adobe'])).toEqual([]);
  });

  it('flows never touch the web layer', () => {
    expect([...graph].filter(([file]) => layerOf(file) === 'flows').flatMap(([, t]) => t.filter((x) => layerOf(x) === 'web'))).toEqual([]);
    const flowSources = sourceFiles(join(SRC, 'flows')).map((f) => readFileSync(f, 'utf8'));
    expect(flowSources.filter((s) => /from 'express'/.test(s))).toEqual([]);
  });

  it('no module outside the demo imports the simulators statically (the entry point loads them by import())', () => {
    const users = [...graph].filter(([file, targets]) => layerOf(file) !== 'demo' && targets.some((t) => layerOf(t) === 'demo'));
    expect(users.map(([file]) => file)).toEqual([]);
  });

  it("background jobs are registered in one place: only the job table calls a queue's handle()", () => {
    const callers = sourceFiles(SRC)
      .filter((file) => !/\/jobs\/(in-process|bullmq)-queue\.ts$/.test(file))
      .filter((file) => /\.handle\s*(<[^>]*>)?\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(callers).toEqual(['jobs/job-table.ts']);
  });
});
