import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../src/config/project-root.js';
import { readEnvFile } from '../../src/config/read-env-file.js';

const dirs: string[] = [];
afterEach(() => {
  delete process.env.HAC_TEST_FROM_ENV_FILE;
  delete process.env.HAC_TEST_ALREADY_SET;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('.env', () => {
  it('is looked for in the project root (beside package.json), not the current directory', () => {
    expect(findProjectRoot()).toBe(join(import.meta.dirname, '..', '..'));
  });

  it('When the root has a .env, then its variables are loaded, without overriding the real environment', () => {
    const root = mkdtempSync(join(tmpdir(), 'hac-env-'));
    dirs.push(root);
    writeFileSync(join(root, '.env'), 'HAC_TEST_FROM_ENV_FILE=from-file\nHAC_TEST_ALREADY_SET=from-file\n');
    process.env.HAC_TEST_ALREADY_SET = 'from-environment';
    expect(readEnvFile(root)).toBe(join(root, '.env'));
    expect(process.env.HAC_TEST_FROM_ENV_FILE).toBe('from-file');
    expect(process.env.HAC_TEST_ALREADY_SET).toBe('from-environment');
  });

  it('When the root has no .env, then nothing is read', () => {
    const root = mkdtempSync(join(tmpdir(), 'hac-env-'));
    dirs.push(root);
    expect(readEnvFile(root)).toBeUndefined();
  });
});
