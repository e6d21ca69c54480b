import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env-schema.js';

describe('.env.example', () => {
  const documented = [...readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').matchAll(/^([A-Z0-9_]+)=/gm)].map(
    (m) => m[1],
  );

  it('lists every variable the configuration reads, and nothing else', () => {
    const read = Object.keys(envSchema().shape).sort();
    expect([...documented].sort()).toEqual(read);
  });

  it('gives each variable a comment line right above it', () => {
    const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (/^[A-Z0-9_]+=/.test(line)) expect(lines[i - 1], line).toMatch(/^# \S/);
    }
  });
});
