import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/error-codes.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SDK = join(ROOT, 'packages', 'embed', 'src');
const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

/**
 * `serverCode` is documented as the service's ErrorCode; the codes the SDK makes up itself when no answer of
 * the service could be read (`'NETWORK'`, `` `HTTP_${status}` ``) are not in it, so each must be named where a
 * partner reads about serverCode: the README, docs/TROUBLESHOOTING.md and the SDK's own type.
 */
describe('the SDK’s own serverCode values', () => {
  const source = readdirSync(SDK)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => read(SDK, name))
    .join('\n');
  const literals = [...source.matchAll(/serverCode: '([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]!);
  const templates = [...source.matchAll(/serverCode: `([A-Z][A-Z0-9_]*)\$\{/g)].map((m) => `${m[1]!}<status>`);
  const own = [...literals.filter((code) => !(code in ERROR_CODES)), ...templates];

  it('are found in the source (NETWORK and HTTP_<status> today)', () => {
    expect(own.sort()).toEqual(['HTTP_<status>', 'NETWORK']);
  });

  it.each([['README.md'], ['docs/TROUBLESHOOTING.md'], ['packages/embed/src/types.ts']])('are each named in %s', (path) => {
    const text = read(ROOT, path);
    for (const code of own) expect(text, `${code} in ${path}`).toContain(`\`${code}\``);
  });
});
