import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/error-codes.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'demo' || name === 'i18n' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('error-codes.ts') ? [path] : [];
  });
}

describe('error code table', () => {
  const source = sourceFiles(join(import.meta.dirname, '../../src'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it.each(Object.keys(ERROR_CODES))('%s is raised somewhere in the service (no dead codes)', (code) => {
    expect(source).toContain(`'${code}'`);
  });

  it('no code of ours shares the FLOW_ prefix with Adobe Flow Service', () => {
    expect(Object.keys(ERROR_CODES).filter((code) => code.startsWith('FLOW_'))).toEqual([]);
  });
});
